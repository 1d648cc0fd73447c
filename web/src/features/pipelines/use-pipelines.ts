import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const pipelinesKey = ['pipelines'] as const;
export const boardKey = (pipelineId: string) => ['board', pipelineId] as const;

export function usePipelines() {
  return useQuery({
    queryKey: pipelinesKey,
    queryFn: () => api.get('/pipelines'),
    select: (r) => r.items,
  });
}

export function useLostReasons() {
  return useQuery({
    queryKey: ['lost-reasons'],
    queryFn: () => api.get('/lost-reasons'),
    select: (r) => r.items.filter((x) => !x.archived),
  });
}

export function useBoard(pipelineId: string | undefined) {
  return useQuery({
    enabled: Boolean(pipelineId),
    queryKey: boardKey(pipelineId ?? ''),
    queryFn: () =>
      api.get('/pipelines/:id/board', { params: { id: pipelineId! }, query: { perStage: 50 } }),
  });
}

export const fetchColumnPage = (pipelineId: string, stageId: string, cursor: string) =>
  api.get('/pipelines/:id/board/stages/:stageId', {
    params: { id: pipelineId, stageId },
    query: { cursor, limit: 100 },
  });

// How many enabled stage robots (automation rules on "a deal enters the stage") each stage has, for
// the badges on the board's columns; asked only by those who may read the rules.
export function useStageRobots(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['automations'],
    queryFn: () => api.get('/automations'),
    select: (r) => {
      const counts = new Map<string, number>();
      for (const rule of r.items) {
        const t = rule.definition.trigger;
        if (rule.enabled && t.kind === 'deal.stage_entered')
          counts.set(t.stageId, (counts.get(t.stageId) ?? 0) + 1);
      }
      return counts;
    },
  });
}
