import type {
  DiscountApprovalListQuery,
  DiscountApprovalCreateBody,
  DiscountLimitsBody,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

const key = ['discount-approvals'] as const;

export function useDiscountApprovals(query: DiscountApprovalListQuery, enabled = true) {
  return useQuery({
    queryKey: [...key, query],
    queryFn: () => api.get('/discount-approvals', { query }),
    select: (r) => r.items,
    enabled,
    // A save of the deal's lines may have asked for one: seen within seconds on the deal card.
    refetchInterval: 10_000,
  });
}

export function useDecideDiscount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; verb: 'approve' | 'reject'; comment: string }) =>
      api.post(
        v.verb === 'approve' ? '/discount-approvals/:id/approve' : '/discount-approvals/:id/reject',
        v.comment ? { comment: v.comment } : {},
        { params: { id: v.id } },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRequestDiscount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DiscountApprovalCreateBody) => api.post('/discount-approvals', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export function useDiscountLimits() {
  return useQuery({
    queryKey: ['discount-limits'],
    queryFn: () => api.get('/discount-limits'),
    select: (r) => r.items,
  });
}

export function useSaveDiscountLimits() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DiscountLimitsBody) => api.put('/discount-limits', body),
    onSuccess: (r) => qc.setQueryData(['discount-limits'], r),
  });
}
