import type { Deal, Pipeline } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { ContactCallButton } from '../calls';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { useLostReasons, usePipelines } from '../pipelines/use-pipelines';
import { CustomFieldsSection, RecordTasks } from '../records/RecordCard';
import { Timeline } from '../timeline';
import { useMe } from '../../lib/session';
import { DealLinesPanel } from '../catalog/DealLinesPanel';
import { CreateDocumentButton } from '../documents/CreateDocumentButton';
import { DealCalculatorButton } from '../calculators/DealCalculatorButton';
import { DealDiscountApproval } from '../discounts/DealDiscountApproval';
import { DealAutomationButtons } from '../automations/DealAutomationButtons';
import { DealDialog } from './DealDialog';
import { formatMoney } from '../../lib/money';
import { dealKey, useDeal, useMoveDeal } from './use-deals';
import { dealLinesKey } from '../catalog/use-catalog';
import { useQueryClient } from '@tanstack/react-query';
import { formatDuration } from './duration';

export function DealPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const deal = useDeal(id);
  const qc = useQueryClient();
  const pipeline = usePipelines().data?.find((p) => p.id === deal.data?.pipelineId);
  const [editing, setEditing] = useState(false);
  const canEdit = useCanWrite('deals', 'update');
  // Line items pick from the catalog and its VAT rates: shown to roles that read the catalog.
  const catalog = useMe().permissions.catalog?.read === true;
  const canCreateDocument = useCanWrite('documents', 'create');
  if (deal.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!deal.data) return <Text>{errorMessage(deal.error)}</Text>;
  const d = deal.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to={`/pipeline?pipeline=${d.pipelineId}`} size="sm">
            ← {pipeline?.name ?? t('pipelines.title')}
          </Anchor>
          <Title order={1} size="h2">
            {d.title}
          </Title>
          <Text size="xl" fw={700}>
            {formatMoney(d.amount, d.currency)}
          </Text>
        </div>
        <Group gap="xs">
          <DealAutomationButtons dealId={d.id} canPress={canEdit} />
          {catalog && canEdit ? (
            <DealCalculatorButton
              dealId={d.id}
              canPrint={canCreateDocument}
              onApplied={(lines) => {
                qc.setQueryData(dealLinesKey(d.id), lines);
                void qc.invalidateQueries({ queryKey: dealKey(d.id) });
              }}
            />
          ) : null}
          {canCreateDocument && <CreateDocumentButton dealId={d.id} />}
          <Button variant="default" onClick={() => setEditing(true)} disabled={!canEdit}>
            {t('common.edit')}
          </Button>
        </Group>
      </Group>
      <DealDiscountApproval dealId={d.id} canEdit={canEdit} />
      {catalog ? <DealLinesPanel dealId={d.id} canEdit={canEdit} /> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <DealFacts deal={d} pipeline={pipeline} />
            <CustomFieldsSection entity="deals" values={d.custom} />
            <StageHistory deal={d} pipeline={pipeline} />
            <RecordTasks subject={{ dealId: d.id }} title={t('tasks.ofDeal')} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder component="section" aria-label={t('timeline.title')}>
            <Title order={2} size="h4" mb="sm">
              {t('timeline.title')}
            </Title>
            <Timeline subject={{ dealId: d.id }} />
          </Card>
        </Grid.Col>
      </Grid>
      {editing ? (
        <DealDialog pipelineId={d.pipelineId} deal={d} onClose={() => setEditing(false)} />
      ) : null}
    </Stack>
  );
}

const useCanWriteDeal = () => useCanWrite('deals', 'update');

function DealFacts({ deal: d, pipeline }: { deal: Deal; pipeline: Pipeline | undefined }) {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  const canMove = useCanWriteDeal();
  const [lostReasonId, setLostReasonId] = useState<string | null>(d.lostReasonId);
  const [stageId, setStageId] = useState(d.stageId);
  const target = pipeline?.stages.find((s) => s.id === stageId);
  const move = useMoveDeal(d.id, {
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const needsReason = target?.kind === 'lost' && stageId !== d.stageId;
  return (
    <Card withBorder component="section" aria-label={t('deals.details')}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('deals.stage')}
            data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={stageId}
            onChange={(v) => {
              if (!v) return;
              setStageId(v);
              const kind = pipeline?.stages.find((s) => s.id === v)?.kind;
              if (kind !== 'lost' && v !== d.stageId) move.mutate({ stageId: v });
            }}
            allowDeselect={false}
            disabled={!canMove}
            w={260}
          />
          {needsReason ? (
            <>
              <Select
                label={t('deals.lostReason')}
                data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                value={lostReasonId}
                onChange={setLostReasonId}
                w={220}
              />
              <Button
                color="red"
                disabled={!lostReasonId}
                loading={move.isPending}
                onClick={() => lostReasonId && move.mutate({ stageId, lostReasonId })}
              >
                {t('deals.markLost')}
              </Button>
            </>
          ) : null}
        </Group>
        <Fact label={t('deals.company')}>
          {d.companyId ? (
            <Anchor component={Link} to={`/companies/${d.companyId}`} size="sm">
              {d.companyName}
            </Anchor>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label={t('deals.contacts')}>
          {d.contacts.length
            ? d.contacts.map((c, i) => (
                <span key={c.id}>
                  {i ? ', ' : ''}
                  <Anchor component={Link} to={`/contacts/${c.id}`} size="sm">
                    {c.name}
                  </Anchor>{' '}
                  <ContactCallButton contactId={c.id} dealId={d.id} />
                </span>
              ))
            : '—'}
        </Fact>
        <Fact label={t('deals.expectedCloseDate')} value={formatDate(d.expectedCloseDate)} />
        {d.lostReasonId ? (
          <Fact
            label={t('deals.lostReason')}
            value={reasons.data?.find((r) => r.id === d.lostReasonId)?.name ?? '—'}
          />
        ) : null}
        {d.closedAt ? (
          <Fact label={t('deals.closedAt')} value={formatDateTime(d.closedAt)} />
        ) : null}
      </Stack>
    </Card>
  );
}

function Fact({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children ?? value}
      </Text>
    </Group>
  );
}

function StageHistory({ deal, pipeline }: { deal: Deal; pipeline: Pipeline | undefined }) {
  const { t } = useTranslation();
  const name = (id: string) => pipeline?.stages.find((s) => s.id === id)?.name ?? '—';
  return (
    <Card withBorder component="section" aria-label={t('deals.stageHistory')}>
      <Title order={2} size="h4" mb="sm">
        {t('deals.stageHistory')}
      </Title>
      <Table.ScrollContainer minWidth={320}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deals.stage')}</Table.Th>
              <Table.Th>{t('deals.enteredAt')}</Table.Th>
              <Table.Th>{t('deals.timeInStage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(deal.stageHistory ?? []).map((h) => (
              <Table.Tr key={`${h.stageId}-${h.enteredAt}`}>
                <Table.Td>
                  {name(h.stageId)}{' '}
                  {h.leftAt ? null : <Badge size="xs">{t('deals.current')}</Badge>}
                </Table.Td>
                <Table.Td>{formatDateTime(h.enteredAt)}</Table.Td>
                <Table.Td>{formatDuration(h.durationSeconds, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
