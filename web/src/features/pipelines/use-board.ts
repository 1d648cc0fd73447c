import type { Board, BoardColumn } from '@voronka/contract';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { applyDrop, moveRequest, type Drop } from './board-moves';
import { boardKey, fetchColumnPage } from './use-pipelines';

type Move = { drop: Drop; lostReasonId?: string; request: ReturnType<typeof moveRequest> };

// A drop on the board: the card moves at once (optimistic), the server is told where it landed
// (between which neighbours), and a refusal puts it back with a message.
export function useBoardMove(pipelineId: string | undefined) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = boardKey(pipelineId ?? '');
  const move = useMutation({
    mutationFn: ({ drop, lostReasonId, request }: Move) =>
      api.post(
        '/deals/:id/move',
        { ...request, ...(lostReasonId ? { lostReasonId } : {}) },
        { params: { id: drop.dealId } },
      ),
    onMutate: async ({ drop }) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<Board>(key);
      if (before) qc.setQueryData<Board>(key, applyDrop(before, drop));
      return { before };
    },
    onError: (e, _v, context) => {
      if (context?.before) qc.setQueryData(key, context.before);
      notifications.show({
        color: 'red',
        message: `${t('pipelines.moveFailed')}: ${errorMessage(e)}`,
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
  return (drop: Drop, lostReasonId?: string) => {
    const current = qc.getQueryData<Board>(key);
    if (current)
      move.mutate({
        drop,
        request: moveRequest(current, drop),
        ...(lostReasonId ? { lostReasonId } : {}),
      });
  };
}

// Infinite scroll: the next page of one column is appended to the cached board.
export function useColumnPages(pipelineId: string | undefined) {
  const qc = useQueryClient();
  const loading = useRef(new Set<string>());
  return useCallback(
    async (column: BoardColumn) => {
      if (!pipelineId || !column.nextCursor || loading.current.has(column.stage.id)) return;
      loading.current.add(column.stage.id);
      try {
        const page = await fetchColumnPage(pipelineId, column.stage.id, column.nextCursor);
        qc.setQueryData<Board>(
          boardKey(pipelineId),
          (b) =>
            b && {
              ...b,
              columns: b.columns.map((c) =>
                c.stage.id === column.stage.id
                  ? {
                      ...c,
                      deals: [
                        ...c.deals,
                        ...page.items.filter((d) => !c.deals.some((x) => x.id === d.id)),
                      ],
                      nextCursor: page.nextCursor,
                    }
                  : c,
              ),
            },
        );
      } finally {
        loading.current.delete(column.stage.id);
      }
    },
    [pipelineId, qc],
  );
}
