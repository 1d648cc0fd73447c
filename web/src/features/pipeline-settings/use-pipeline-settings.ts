import type {
  Board,
  LostReason,
  LostReasonUpdateBody,
  Pipeline,
  PipelineUpdateBody,
  StageInput,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { pipelinesKey } from '../pipelines/use-pipelines';

export const lostReasonsKey = ['lost-reasons'] as const;
const countsKey = (pipelineId: string) => ['stage-counts', pipelineId] as const;

// Deals per stage, from the board's totals (one card per column is enough to count).
export function useStageCounts(pipelineId: string | undefined) {
  return useQuery({
    enabled: Boolean(pipelineId),
    queryKey: countsKey(pipelineId ?? ''),
    queryFn: () => api.get<Board>(`/pipelines/${pipelineId}/board`, { perStage: 1 }),
    select: (b) => new Map(b.columns.map((c) => [c.stage.id, c.count])),
  });
}

// Every lost reason, archived ones too (the board's dialog offers only the active ones).
export function useAllLostReasons() {
  return useQuery({
    queryKey: lostReasonsKey,
    queryFn: () => api.get<{ items: LostReason[] }>('/lost-reasons'),
    select: (r) => r.items,
  });
}

// A change to pipelines refreshes the list, the counts and any cached board.
function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: pipelinesKey }),
      qc.invalidateQueries({ queryKey: ['stage-counts'] }),
      qc.invalidateQueries({ queryKey: ['board'] }),
    ]);
}

export function usePipelineMutations() {
  const refresh = useRefresh();
  return {
    create: useMutation({
      mutationFn: (name: string) => api.post<Pipeline>('/pipelines', { name }),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PipelineUpdateBody }) =>
        api.patch<Pipeline>(`/pipelines/${id}`, body),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/pipelines/${id}`),
      onSettled: refresh,
    }),
    // The stage editor shows its own error (naming the stage that holds deals).
    replaceStages: useMutation({
      mutationFn: ({ id, stages }: { id: string; stages: StageInput[] }) =>
        api.put<Pipeline>(`/pipelines/${id}/stages`, { stages }),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
  };
}

export function useLostReasonMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: lostReasonsKey });
  return {
    create: useMutation({
      mutationFn: (name: string) => api.post<LostReason>('/lost-reasons', { name }),
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: LostReasonUpdateBody }) =>
        api.patch<LostReason>(`/lost-reasons/${id}`, body),
      onSettled: refresh,
    }),
  };
}
