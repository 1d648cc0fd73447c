import type { Deal, DealCreateBody, DealMoveBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

export const dealKey = (id: string) => ['deal', id] as const;

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKey(id),
    queryFn: () => api.get('/deals/:id', { params: { id } }),
  });
}

// Pickers for the deal form: the first 50 matches of what the user typed.
export function useCompanyOptions(q: string) {
  return useQuery({
    queryKey: ['companies', 'options', q],
    queryFn: () => api.get('/companies', { query: { limit: 50, q: q || undefined } }),
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.name })),
    retry: false,
  });
}

export function useContactOptions(q: string) {
  return useQuery({
    queryKey: ['contacts', 'options', q],
    queryFn: () => api.get('/contacts', { query: { limit: 50, q: q || undefined } }),
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.fullName })),
    retry: false,
  });
}

// The deals of a contact or a company, newest first.
export function useSubjectDeals(
  subject: { contactId: string } | { companyId: string },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['deals', 'of', subject],
    queryFn: () => api.get('/deals', { query: { ...subject, limit: 50 } }),
    enabled,
  });
}

// Create a deal, or change one; the board, the lists and the card refresh.
export function useSaveDeal(deal: Deal | null, on: MutationEvents<Deal> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DealCreateBody) =>
      deal ? api.patch('/deals/:id', body, { params: { id: deal.id } }) : api.post('/deals', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['board'] });
      void qc.invalidateQueries({ queryKey: ['deals'] });
      void qc.invalidateQueries({ queryKey: dealKey(saved.id) });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

// Move a deal to another stage from its card (a lost stage wants the reason).
export function useMoveDeal(id: string, on: MutationEvents<Deal> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DealMoveBody) => api.post('/deals/:id/move', body, { params: { id } }),
    onSuccess: (saved) => {
      qc.setQueryData(dealKey(id), saved);
      void qc.invalidateQueries({ queryKey: dealKey(id) });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      void qc.invalidateQueries({ queryKey: ['board'] });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

// The total of a deal's line items, or null when it has none (or for a new deal). The query key is
// the one the card's lines panel uses, so saving the lines refreshes it: a deal with lines has their
// total as its amount, and the form shows it read-only.
export function useDealLinesTotal(dealId: string | undefined): number | null {
  const lines = useQuery({
    queryKey: ['deal-lines', dealId],
    queryFn: () => api.get('/deals/:id/lines', { params: { id: dealId! } }),
    enabled: Boolean(dealId),
  });
  return lines.data?.lines.length ? lines.data.totals.totalKopecks : null;
}
