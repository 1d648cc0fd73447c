import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { SlaBy } from './sla-format';

export type SlaReportParams = { by: SlaBy; from: string; to: string };

export function useSlaReport(params: SlaReportParams) {
  const valid = Boolean(params.from && params.to && params.from <= params.to);
  return useQuery({
    enabled: valid,
    queryKey: ['reports', 'sla', params],
    queryFn: () => api.get('/reports/sla', { query: params }),
    placeholderData: keepPreviousData,
  });
}
