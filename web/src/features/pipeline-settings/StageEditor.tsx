import type { Pipeline, StageKind } from '@voronka/contract';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import {
  addStage,
  draftProblems,
  isDirty,
  moveStage,
  riskyChanges,
  toDrafts,
  toPayload,
  type DraftProblem,
  type StageDraft,
} from './stage-list';
import { usePipelineMutations, useStageCounts } from './use-pipeline-settings';

const kinds: StageKind[] = ['open', 'won', 'lost'];

// The ordered stages of one pipeline, edited as a draft and saved in one PUT: drag by the handle
// (pointer, or Space and the arrow keys) or use the up/down buttons. A stage holding deals can be
// renamed and moved, but neither removed nor given another kind.
export function StageEditor({ pipeline, canManage }: { pipeline: Pipeline; canManage: boolean }) {
  const { t } = useTranslation();
  const counts = useStageCounts(pipeline.id);
  const { replaceStages } = usePipelineMutations();
  const [drafts, setDrafts] = useState(() => toDrafts(pipeline.stages));
  const [tried, setTried] = useState(false);
  const added = useRef(0);
  const problems = draftProblems(drafts);
  const dealsIn = (id: string | undefined) => (id ? (counts.data?.get(id) ?? 0) : 0);
  const risky = riskyChanges(pipeline.stages, drafts);
  const blocked = [...risky.removed, ...risky.rekinded].filter((s) => dealsIn(s.id) > 0);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const move = (from: number, to: number) => setDrafts((list) => moveStage(list, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    move(
      drafts.findIndex((d) => d.key === active.id),
      drafts.findIndex((d) => d.key === over.id),
    );
  };
  const save = () => {
    setTried(true);
    if (problems.length || blocked.length) return;
    replaceStages.mutate(
      { id: pipeline.id, stages: toPayload(drafts) },
      {
        onSuccess: (saved) => {
          setDrafts(toDrafts(saved.stages));
          setTried(false);
          notifications.show({ color: 'teal', message: t('pipelineSettings.stagesSaved') });
        },
      },
    );
  };
  const reset = () => {
    setDrafts(toDrafts(pipeline.stages));
    setTried(false);
    replaceStages.reset();
  };
  // A stage that holds deals is named before saving; a 409 that still comes (deals arrived
  // meanwhile) refreshes the counts, which then name it.
  const message = (() => {
    if (blocked.length)
      return t('pipelineSettings.stageBlocked', { name: blocked.map((s) => s.name).join('», «') });
    if (replaceStages.error)
      return isApiError(replaceStages.error, 'stage.has_deals')
        ? t('errors.stage.has_deals')
        : errorMessage(replaceStages.error);
    return tried && problems.some((p) => p.problem === 'noOpen')
      ? t('pipelineSettings.noOpenStage')
      : null;
  })();

  return (
    <Stack gap="xs">
      <FormAlert message={message} />
      <DndContext
        sensors={canManage ? sensors : []}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t('pipelineSettings.dragInstructions') },
        }}
      >
        <SortableContext items={drafts.map((d) => d.key)} strategy={verticalListSortingStrategy}>
          <Stack gap={6} role="list" aria-label={t('pipelineSettings.stages')}>
            {drafts.map((draft, i) => (
              <StageRow
                key={draft.key}
                draft={draft}
                index={i}
                last={i === drafts.length - 1}
                deals={dealsIn(draft.id)}
                problems={tried ? problems.filter((p) => p.key === draft.key) : []}
                canManage={canManage}
                onChange={(patch) =>
                  setDrafts((list) =>
                    list.map((d) => (d.key === draft.key ? { ...d, ...patch } : d)),
                  )
                }
                onMove={(to) => move(i, to)}
                onRemove={() => setDrafts((list) => list.filter((d) => d.key !== draft.key))}
              />
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Button
          variant="light"
          disabled={!canManage}
          onClick={() =>
            setDrafts((list) =>
              addStage(list, t('pipelineSettings.newStageName'), `new-${++added.current}`),
            )
          }
        >
          + {t('pipelineSettings.addStage')}
        </Button>
        <Group gap="xs">
          <Button variant="default" disabled={!isDirty(pipeline.stages, drafts)} onClick={reset}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!canManage || !isDirty(pipeline.stages, drafts)}
            loading={replaceStages.isPending}
            onClick={save}
          >
            {t('pipelineSettings.saveStages')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

type RowProps = {
  draft: StageDraft;
  index: number;
  last: boolean;
  deals: number;
  problems: DraftProblem[];
  canManage: boolean;
  onChange: (patch: Partial<StageDraft>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
};

function StageRow({
  draft,
  index,
  last,
  deals,
  problems,
  canManage,
  onChange,
  onMove,
  onRemove,
}: RowProps) {
  const { t } = useTranslation();
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: draft.key, disabled: !canManage });
  const name = draft.name.trim() || t('pipelineSettings.unnamed');
  const busy = deals > 0;
  const has = (p: DraftProblem['problem']) => problems.some((x) => x.problem === p);
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p={6}
      radius="sm"
      role="listitem"
      data-stage-key={draft.key}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Group gap={6} wrap="wrap" align="flex-start">
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('pipelineSettings.drag', { name })}
            disabled={!canManage}
            style={{ cursor: canManage ? 'grab' : undefined, touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <span aria-hidden>⠿</span>
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('pipelineSettings.moveUp', { name })}
            disabled={!canManage || index === 0}
            onClick={() => onMove(index - 1)}
          >
            <span aria-hidden>↑</span>
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('pipelineSettings.moveDown', { name })}
            disabled={!canManage || last}
            onClick={() => onMove(index + 1)}
          >
            <span aria-hidden>↓</span>
          </ActionIcon>
        </Group>
        <TextInput
          aria-label={t('pipelineSettings.stageName', { position: index + 1 })}
          value={draft.name}
          maxLength={120}
          disabled={!canManage}
          error={has('emptyName') ? t('pipelineSettings.nameRequired') : undefined}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          style={{ flex: '1 1 180px', minWidth: 0 }}
        />
        <Group gap={6} wrap="nowrap">
          <NumberInput
            aria-label={t('pipelineSettings.probabilityOf', { name })}
            value={draft.probability}
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            suffix=" %"
            hideControls
            disabled={!canManage}
            error={has('probability') ? t('pipelineSettings.probabilityRange') : undefined}
            onChange={(v) => onChange({ probability: typeof v === 'number' ? v : Number(v) || 0 })}
            w={76}
          />
          <Select
            aria-label={t('pipelineSettings.kindOf', { name })}
            data={kinds.map((k) => ({ value: k, label: t(`pipelineSettings.kind.${k}`) }))}
            value={draft.kind}
            allowDeselect={false}
            disabled={!canManage}
            readOnly={busy}
            title={busy ? t('pipelineSettings.busyHint') : undefined}
            onChange={(v) => v && onChange({ kind: v as StageKind })}
            w={140}
          />
          <Badge
            variant="light"
            color={busy ? 'blue' : 'gray'}
            tt="none"
            visibleFrom="sm"
            title={busy ? t('pipelineSettings.busyHint') : undefined}
            style={{ flexShrink: 0 }}
          >
            {t('pipelineSettings.deals', { count: deals })}
          </Badge>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('pipelineSettings.removeStage', { name })}
            title={busy ? t('pipelineSettings.busyHint') : undefined}
            disabled={!canManage || busy}
            onClick={onRemove}
          >
            <span aria-hidden>×</span>
          </ActionIcon>
        </Group>
      </Group>
      {busy && canManage ? (
        <Text size="xs" c="dimmed" mt={2} ml={4} hiddenFrom="sm">
          {t('pipelineSettings.busyPhone', {
            deals: t('pipelineSettings.deals', { count: deals }),
          })}
        </Text>
      ) : null}
    </Paper>
  );
}
