import type {
  DealLinesBody,
  PriceListCreateBody,
  PriceListItemsBody,
  ProductCreateBody,
} from '@voronka/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const productsKey = ['products'] as const;
export const priceListsKey = ['price-lists'] as const;
export const dealLinesKey = (dealId: string) => ['deal-lines', dealId] as const;

export function useProducts(q: string, active: 'true' | 'false' | 'all' = 'true') {
  return useQuery({
    queryKey: [...productsKey, q, active],
    queryFn: () => api.get('/products', { query: { limit: 200, q: q || undefined, active } }),
  });
}

const today = () => new Date().toISOString().slice(0, 10);

// The VAT rates valid today (22 % from 2026, 10 %, 0 %, 5 % and 7 % for УСН, без НДС).
export function useVatRates(on: string = today()) {
  return useQuery({
    queryKey: ['vat-rates', on],
    queryFn: () => api.get('/vat-rates', { query: { on } }),
    select: (r) => r.items,
    staleTime: 60 * 60 * 1000,
  });
}

export function usePriceLists() {
  return useQuery({
    queryKey: priceListsKey,
    queryFn: () => api.get('/price-lists'),
    select: (r) => r.items,
  });
}

export function usePriceListItems(id: string | null) {
  return useQuery({
    queryKey: [...priceListsKey, id, 'items'],
    queryFn: () => api.get('/price-lists/:id/items', { params: { id: id! } }),
    select: (r) => r.items,
    enabled: id !== null,
  });
}

export function useDealLines(dealId: string) {
  return useQuery({
    queryKey: dealLinesKey(dealId),
    queryFn: () => api.get('/deals/:id/lines', { params: { id: dealId } }),
  });
}

export const saveDealLines = (dealId: string, body: DealLinesBody) =>
  api.put('/deals/:id/lines', body, { params: { id: dealId } });

// The writes of the catalog pages, one per use; the pages wrap them in their mutations.
export const deletePriceList = (id: string) => api.delete('/price-lists/:id', { params: { id } });
export const savePriceList = (id: string | null, body: PriceListCreateBody) =>
  id ? api.patch('/price-lists/:id', body, { params: { id } }) : api.post('/price-lists', body);
export const savePriceListItems = (id: string, body: PriceListItemsBody) =>
  api.put('/price-lists/:id/items', body, { params: { id } });
export const saveProduct = (id: string | null, body: ProductCreateBody) =>
  id ? api.patch('/products/:id', body, { params: { id } }) : api.post('/products', body);

export const vatLabel = (rate: number | null, none: string) => (rate === null ? none : `${rate} %`);
