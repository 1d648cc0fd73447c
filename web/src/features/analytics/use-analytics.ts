import type { FunnelDrillQuery, SalesPlanBody, WinBackActionBody } from '@voronka/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';

// The analytics feature's server access: reports, plans, win-back.
export const analyticsKey = ['analytics'] as const;

// The common filter as the pages keep it ('' = not set).
export type Filters = {
  from: string;
  to: string;
  pipelineId: string;
  ownerId: string;
  source: string;
};
export const emptyFilters: Filters = { from: '', to: '', pipelineId: '', ownerId: '', source: '' };
const query = (f: Filters) => ({
  from: f.from || undefined,
  to: f.to || undefined,
  pipelineId: f.pipelineId || undefined,
  ownerId: f.ownerId || undefined,
  source: f.source || undefined,
});

export const useFunnel = (f: Filters) =>
  useQuery({
    queryKey: [...analyticsKey, 'funnel', f],
    queryFn: () => api.get('/reports/funnel', { query: query(f) }),
    placeholderData: keepPreviousData,
  });

export type Drill = Pick<FunnelDrillQuery, 'metric'> & { stageId?: string; lostReasonId?: string };

export const useFunnelDeals = (f: Filters, drill: Drill | null) =>
  useQuery({
    queryKey: [...analyticsKey, 'funnel-deals', f, drill],
    enabled: drill !== null,
    queryFn: () => api.get('/reports/funnel/deals', { query: { ...query(f), ...drill } }),
  });

export const funnelExportUrl = (f: Filters, format: 'xlsx' | 'csv') =>
  buildUrl('/api/v1/reports/funnel/export', { format, ...query(f) });

export type PlanFactParams = {
  year: number;
  period: 'month' | 'quarter';
  scope: 'department' | 'team' | 'member';
  scopeId: string;
};
export const usePlanFact = (p: PlanFactParams) =>
  useQuery({
    queryKey: [...analyticsKey, 'plan-fact', p],
    enabled: p.scope === 'department' || Boolean(p.scopeId),
    queryFn: () =>
      api.get('/reports/plan-fact', { query: { ...p, scopeId: p.scopeId || undefined } }),
    placeholderData: keepPreviousData,
  });

export const usePlans = (year: number, enabled = true) =>
  useQuery({
    queryKey: [...analyticsKey, 'plans', year],
    enabled,
    queryFn: () => api.get('/plans', { query: { year } }),
  });

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: string | null; body: SalesPlanBody }) =>
      v.id
        ? api.patch('/plans/:id', { amount: v.body.amount }, { params: { id: v.id } })
        : api.post('/plans', v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: analyticsKey }),
  });
}

export const useActivity = (f: Pick<Filters, 'from' | 'to' | 'ownerId'>) =>
  useQuery({
    queryKey: [...analyticsKey, 'activity', f],
    queryFn: () =>
      api.get('/reports/activity', {
        query: {
          from: f.from || undefined,
          to: f.to || undefined,
          ownerId: f.ownerId || undefined,
        },
      }),
    placeholderData: keepPreviousData,
  });

export const useDashboard = (enabled = true) =>
  useQuery({
    queryKey: [...analyticsKey, 'dashboard'],
    enabled,
    queryFn: () => api.get('/reports/dashboard'),
  });

export const useWinBack = (minDays: number) =>
  useQuery({
    queryKey: [...analyticsKey, 'win-back', minDays],
    queryFn: () => api.get('/reports/win-back', { query: { minDays } }),
    placeholderData: keepPreviousData,
  });

export function useWinBackAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { companyId: string } & WinBackActionBody) =>
      api.post('/reports/win-back/:id', { action: v.action }, { params: { id: v.companyId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...analyticsKey, 'win-back'] }),
  });
}

export const useMembers = (enabled: boolean) =>
  useQuery({
    queryKey: [...analyticsKey, 'members'],
    enabled,
    queryFn: () => api.get('/users', { query: { limit: 200, status: 'active' } }),
  });

export const useTeams = (enabled: boolean) =>
  useQuery({
    queryKey: [...analyticsKey, 'teams'],
    enabled,
    queryFn: () => api.get('/teams', { query: { limit: 200 } }),
  });

export const usePipelines = () =>
  useQuery({ queryKey: [...analyticsKey, 'pipelines'], queryFn: () => api.get('/pipelines') });
