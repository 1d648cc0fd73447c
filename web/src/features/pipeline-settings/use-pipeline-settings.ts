import type { LostReasonUpdateBody, PipelineUpdateBody, StageInput } from '@voronka/contract';
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
    queryFn: () =>
      api.get('/pipelines/:id/board', { params: { id: pipelineId! }, query: { perStage: 1 } }),
    select: (b) => new Map(b.columns.map((c) => [c.stage.id, c.count])),
  });
}

// Every lost reason, archived ones too (the board's dialog offers only the active ones).
export function useAllLostReasons() {
  return useQuery({
    queryKey: lostReasonsKey,
    queryFn: () => api.get('/lost-reasons'),
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
      mutationFn: (name: string) => api.post('/pipelines', { name }),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PipelineUpdateBody }) =>
        api.patch('/pipelines/:id', body, { params: { id } }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete('/pipelines/:id', { params: { id } }),
      onSettled: refresh,
    }),
    // The stage editor shows its own error (naming the stage that holds deals).
    replaceStages: useMutation({
      mutationFn: ({ id, stages }: { id: string; stages: StageInput[] }) =>
        api.put('/pipelines/:id/stages', { stages }, { params: { id } }),
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
      mutationFn: (name: string) => api.post('/lost-reasons', { name }),
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: LostReasonUpdateBody }) =>
        api.patch('/lost-reasons/:id', body, { params: { id } }),
      onSettled: refresh,
    }),
  };
}
