import type {
  DealLines,
  DealLinesBody,
  Page,
  PriceList,
  PriceListItem,
  Product,
  VatRate,
} from '@voronka/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const productsKey = ['products'] as const;
export const priceListsKey = ['price-lists'] as const;
export const dealLinesKey = (dealId: string) => ['deal-lines', dealId] as const;

export function useProducts(q: string, active: 'true' | 'false' | 'all' = 'true') {
  return useQuery({
    queryKey: [...productsKey, q, active],
    queryFn: () => api.get<Page<Product>>('/products', { limit: 200, q: q || undefined, active }),
  });
}

const today = () => new Date().toISOString().slice(0, 10);

// The VAT rates valid today (22 % from 2026, 10 %, 0 %, 5 % and 7 % for УСН, без НДС).
export function useVatRates(on: string = today()) {
  return useQuery({
    queryKey: ['vat-rates', on],
    queryFn: () => api.get<{ items: VatRate[] }>('/vat-rates', { on }),
    select: (r) => r.items,
    staleTime: 60 * 60 * 1000,
  });
}

export function usePriceLists() {
  return useQuery({
    queryKey: priceListsKey,
    queryFn: () => api.get<{ items: PriceList[] }>('/price-lists'),
    select: (r) => r.items,
  });
}

export function usePriceListItems(id: string | null) {
  return useQuery({
    queryKey: [...priceListsKey, id, 'items'],
    queryFn: () => api.get<{ items: PriceListItem[] }>(`/price-lists/${id}/items`),
    select: (r) => r.items,
    enabled: id !== null,
  });
}

export function useDealLines(dealId: string) {
  return useQuery({
    queryKey: dealLinesKey(dealId),
    queryFn: () => api.get<DealLines>(`/deals/${dealId}/lines`),
  });
}

export const saveDealLines = (dealId: string, body: DealLinesBody) =>
  api.put<DealLines>(`/deals/${dealId}/lines`, body);

export const vatLabel = (rate: number | null, none: string) => (rate === null ? none : `${rate} %`);
