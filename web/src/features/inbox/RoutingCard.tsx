import type { Assignment, ConversationSummary } from '@voronka/contract';
import { Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { assignmentReasonText } from '../routing-settings/labels';
import { priorityReasonText } from '../routing-settings/priority-reasons';
import { PriorityBadge } from './PriorityBadge';
import { SlaCountdown, isCountingDown } from './SlaCountdown';
import { formatWhen } from './inbox-format';
import { formatSpan } from './sla-clock';
import { useLeadAssignments } from './use-inbox';
import { useNow } from '../../lib/use-now';

// What the card shows of a request: a conversation has it, and so does a lead (LeadCard maps it).
export type RoutingView = Pick<
  ConversationSummary,
  'leadId' | 'priority' | 'firstResponseDueAt' | 'firstRespondedAt' | 'createdAt'
>;

// Beside the client (and on the request's card): how warm the request is and why, its
// first-response clock, and who it was given to, when and why.
export function RoutingCard({ conversation: c }: { conversation: RoutingView }) {
  const { t } = useTranslation();
  const now = useNow(isCountingDown(c));
  const leadId = c.leadId;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Title order={3} size="h5">
            {t('inbox.priority.title')}
          </Title>
          {c.priority ? <PriorityBadge score={c.priority.score} size="md" /> : null}
        </Group>
        {c.firstResponseDueAt || c.firstRespondedAt ? (
          <Group gap={6} wrap="wrap">
            <SlaCountdown conversation={c} now={now} size="sm" />
            {c.firstResponseDueAt && !c.firstRespondedAt ? (
              <Text size="xs" c="dimmed">
                {t('inbox.sla.deadline', { time: formatWhen(c.firstResponseDueAt) })}
              </Text>
            ) : null}
          </Group>
        ) : null}
        {c.priority ? (
          c.priority.reasons.length ? (
            <List
              size="sm"
              spacing={2}
              listStyleType="none"
              aria-label={t('inbox.priority.reasons')}
            >
              {c.priority.reasons.map((r) => (
                <List.Item key={r.code}>
                  <Text span c={r.sign === '-' ? 'red' : 'teal'} fw={700} aria-hidden>
                    {r.sign === '-' ? '−' : '+'}
                  </Text>{' '}
                  {priorityReasonText(t, r.code)}
                </List.Item>
              ))}
            </List>
          ) : null
        ) : (
          <Text size="sm" c="dimmed">
            {t('inbox.priority.none')}
          </Text>
        )}
        {leadId ? <AssignmentHistory leadId={leadId} /> : null}
      </Stack>
    </Paper>
  );
}

function AssignmentHistory({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const history = useLeadAssignments(leadId);
  return (
    <Stack gap={6} mt="xs">
      <Title order={4} size="h6">
        {t('inbox.assignments.title')}
      </Title>
      {history.isPending ? (
        <Loader size="xs" aria-label={t('common.loading')} />
      ) : !history.data?.length ? (
        <Text size="sm" c="dimmed">
          {t('inbox.assignments.empty')}
        </Text>
      ) : (
        <Stack
          gap={8}
          component="ol"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          data-testid="assignment-history"
        >
          {history.data.map((a) => (
            <AssignmentRow key={a.id} assignment={a} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

// One text per reason code, shared with the dry run in Settings.
export const assignmentReasonLabel = (t: TFunction, a: Assignment): string =>
  assignmentReasonText(t, a.reason);

function AssignmentRow({ assignment: a }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const who =
    a.member?.name ??
    (a.team
      ? t('inbox.assignments.queuedIn', { team: a.team.name })
      : t('inbox.assignments.queued'));
  const took = a.respondedAt ? (Date.parse(a.respondedAt) - Date.parse(a.assignedAt)) / 1000 : null;
  return (
    <li>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {who}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatWhen(a.assignedAt)}
        </Text>
      </Group>
      <Text size="xs">{assignmentReasonLabel(t, a)}</Text>
      <Group gap={6} wrap="wrap">
        {a.dueAt && !a.respondedAt && !a.breachedAt ? (
          <Text size="xs" c="dimmed">
            {t('inbox.assignments.due', { time: formatWhen(a.dueAt) })}
          </Text>
        ) : null}
        {took !== null && Number.isFinite(took) ? (
          <Badge size="xs" variant="light" color="teal">
            {t('inbox.assignments.responded', {
              time: formatSpan(Math.max(0, took), currentLanguage()),
            })}
          </Badge>
        ) : null}
        {a.breachedAt ? (
          <Badge size="xs" variant="light" color="red">
            {t('inbox.assignments.breached')}
          </Badge>
        ) : null}
        {a.endedAt && !a.breachedAt ? (
          <Text size="xs" c="dimmed">
            {t('inbox.assignments.ended', { time: formatWhen(a.endedAt) })}
          </Text>
        ) : null}
      </Group>
    </li>
  );
}
