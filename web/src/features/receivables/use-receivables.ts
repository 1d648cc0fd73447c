import type { AgingBucket, ReceivablesGroupBy } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';

export const receivablesKey = ['receivables'] as const;

export type AgingFilters = {
  groupBy: ReceivablesGroupBy;
  asOf: string;
  legalEntityId: string;
  managerId: string;
};

// Blank filters are left out of the query (the server ages at today in the workspace's zone).
const query = (f: Omit<AgingFilters, 'groupBy'>) => ({
  asOf: f.asOf || undefined,
  legalEntityId: f.legalEntityId || undefined,
  managerId: f.managerId || undefined,
});

export const useAging = (f: AgingFilters) =>
  useQuery({
    queryKey: [...receivablesKey, 'aging', f],
    queryFn: () => api.get('/receivables', { query: { groupBy: f.groupBy, ...query(f) } }),
  });

export type Drill = { bucket?: AgingBucket; companyId?: string };

export const useReceivableInvoices = (f: AgingFilters, drill: Drill | null) =>
  useQuery({
    queryKey: [...receivablesKey, 'invoices', f, drill],
    enabled: drill !== null,
    queryFn: () =>
      api.get('/receivables/invoices', {
        query: { ...query(f), bucket: drill?.bucket, companyId: drill?.companyId, limit: 500 },
      }),
  });

export const exportUrl = (f: AgingFilters, format: 'xlsx' | 'csv', drill: Drill | null) =>
  buildUrl('/api/v1/receivables/export', {
    format,
    ...query(f),
    bucket: drill?.bucket,
    companyId: drill?.companyId,
  });

export const useLegalEntities = () =>
  useQuery({
    queryKey: [...receivablesKey, 'legal-entities'],
    queryFn: () => api.get('/legal-entities'),
  });

export const useManagers = (enabled: boolean) =>
  useQuery({
    queryKey: [...receivablesKey, 'managers'],
    enabled,
    queryFn: () => api.get('/users', { query: { limit: 200, status: 'active' } }),
  });

export const useCompanyBalance = (id: string) =>
  useQuery({
    queryKey: [...receivablesKey, 'company', id],
    queryFn: () => api.get('/receivables/companies/:id', { params: { id } }),
  });

export function useSetCreditLimit(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (creditLimitKopecks: number | null) =>
      api.put(
        '/receivables/companies/:id/credit-limit',
        { creditLimitKopecks },
        { params: { id } },
      ),
    onSuccess: (balance) => qc.setQueryData([...receivablesKey, 'company', id], balance),
  });
}

export const useCreditCheck = (companyId: string | null, amountKopecks: number) =>
  useQuery({
    queryKey: [...receivablesKey, 'credit-check', companyId, amountKopecks],
    enabled: Boolean(companyId),
    queryFn: () =>
      api.get('/receivables/companies/:id/credit-check', {
        params: { id: companyId! },
        query: { amountKopecks },
      }),
  });

export const actUrl = (companyId: string, q: { from: string; to: string; legalEntityId: string }) =>
  buildUrl(`/api/v1/companies/${companyId}/reconciliation-act`, { ...q, format: 'pdf' });
