import type { Board, Deal } from '@voronka/contract';
import { Box, Button, Group, Loader, Select, Stack } from '@mantine/core';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCanWrite } from '../../lib/use-can-write';
import { PageHeader } from '../../ui/PageHeader';
import { DealDialog } from '../deals/DealDialog';
import { DealsViewSwitch } from '../deals/DealsViewSwitch';
import { ExportButtons } from '../export';
import { BoardColumn } from './BoardColumn';
import { DealCardBody } from './DealBoardCard';
import { dropTarget, type Drop } from './board-moves';
import { LostReasonDialog } from './LostReasonDialog';
import { useBoardMove, useColumnPages } from './use-board';
import { boardKey, useBoard, usePipelines, useStageRobots } from './use-pipelines';
import { useMe } from '../../lib/session';

type OverData = { type: 'deal' | 'column'; stageId: string };

export function PipelineBoardPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const robots = useStageRobots(useMe().permissions.automation?.read === true);
  const pipelineId =
    params.get('pipeline') ??
    pipelines.data?.find((p) => p.isDefault)?.id ??
    pipelines.data?.[0]?.id;
  const board = useBoard(pipelineId);
  const canCreate = useCanWrite('deals', 'create');
  const canMove = useCanWrite('deals', 'update');
  const [creating, setCreating] = useState(false);
  const [active, setActive] = useState<Deal | null>(null);
  const [lostDrop, setLostDrop] = useState<Drop | null>(null);
  const key = boardKey(pipelineId ?? '');

  const submitMove = useBoardMove(pipelineId);

  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    const current = qc.getQueryData<Board>(key);
    const data = over?.data.current as OverData | undefined;
    if (!current || !over || !data) return;
    const drop = dropTarget(current, String(a.id), {
      type: data.type,
      id: String(over.id),
      stageId: data.stageId,
    });
    if (!drop) return;
    const from = current.columns.find((c) => c.deals.some((d) => d.id === drop.dealId));
    const to = current.columns.find((c) => c.stage.id === drop.toStageId);
    if (to?.stage.kind === 'lost' && from?.stage.id !== to.stage.id) return setLostDrop(drop);
    submitMove(drop);
  };

  const onNeedMore = useColumnPages(pipelineId);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const findDeal = (id: string) =>
    board.data?.columns.flatMap((c) => c.deals).find((d) => d.id === id) ?? null;

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('pipelines.title')}
        actions={
          <Group gap="xs">
            <DealsViewSwitch current="board" pipelineId={pipelineId} />
            <Select
              aria-label={t('pipelines.switch')}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={pipelineId ?? null}
              onChange={(v) => v && setParams({ pipeline: v })}
              allowDeselect={false}
              w={200}
            />
            <ExportButtons entity="deals" filters={{ pipelineId }} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('deals.create')}
            </Button>
          </Group>
        }
      />
      {board.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : board.data ? (
        <DndContext
          sensors={canMove ? sensors : []}
          collisionDetection={closestCorners}
          onDragStart={(e) => setActive(findDeal(String(e.active.id)))}
          onDragCancel={() => setActive(null)}
          onDragEnd={onDragEnd}
          accessibility={{
            screenReaderInstructions: { draggable: t('pipelines.dragInstructions') },
          }}
        >
          <Box style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
            {board.data.columns.map((column) => (
              <BoardColumn
                key={column.stage.id}
                column={column}
                robots={robots.data?.get(column.stage.id) ?? 0}
                onNeedMore={onNeedMore}
              />
            ))}
          </Box>
          <DragOverlay>{active ? <DealCardBody deal={active} lifted /> : null}</DragOverlay>
        </DndContext>
      ) : null}
      {creating && pipelineId ? (
        <DealDialog pipelineId={pipelineId} onClose={() => setCreating(false)} />
      ) : null}
      {lostDrop ? (
        <LostReasonDialog
          onCancel={() => setLostDrop(null)}
          onConfirm={(reasonId) => {
            submitMove(lostDrop, reasonId);
            setLostDrop(null);
          }}
        />
      ) : null}
    </Stack>
  );
}
