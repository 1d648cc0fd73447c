import type { Activity, AssignmentReason } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Timeline as MantineTimeline,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { LoadMore } from '../../ui/LoadMore';
import { assignmentReasonText } from '../routing-settings/labels';
import { LogActivityForm } from './LogActivityForm';
import { useTimeline, type TimelineSubject } from './use-timeline';

const colors: Record<Activity['kind'], string> = {
  call: 'green',
  meeting: 'violet',
  email: 'cyan',
  note: 'gray',
  stage_change: 'blue',
  task_done: 'teal',
  merge: 'orange',
  conversion: 'grape',
  assignment: 'indigo',
  dunning: 'red',
  request: 'orange',
  message: 'cyan',
  automation: 'yellow',
};

// The history of a contact, company, deal or lead, newest first, with a form to log what happened.
export function Timeline({
  subject,
  canLog = true,
}: {
  subject: TimelineSubject;
  canLog?: boolean;
}) {
  const { t } = useTranslation();
  const timeline = useTimeline(subject);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      {canLog ? <LogActivityForm subject={subject} /> : null}
      {timeline.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {!timeline.isPending && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('timeline.empty')}
        </Text>
      ) : null}
      <MantineTimeline bulletSize={14} lineWidth={2} aria-label={t('timeline.title')}>
        {items.map((a) => (
          <MantineTimeline.Item
            key={a.id}
            color={colors[a.kind]}
            title={<ActivityTitle activity={a} />}
          >
            <ActivityBody activity={a} />
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
      <LoadMore
        hasMore={Boolean(timeline.hasNextPage)}
        loading={timeline.isFetchingNextPage}
        onClick={() => void timeline.fetchNextPage()}
        label={t('common.loadMore')}
      />
    </Stack>
  );
}

function ActivityTitle({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Badge size="sm" variant="light" color={colors[activity.kind]}>
        {t(`timeline.kind.${activity.kind}`)}
      </Badge>
      <Text size="xs" c="dimmed">
        {formatDateTime(activity.at)}
      </Text>
    </Group>
  );
}

function ActivityBody({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation();
  const d = a.data as {
    fromStageName?: string;
    toStageName?: string;
    durationSeconds?: number;
    outcome?: string;
    recordingUrl?: unknown;
  };
  // A call a PBX reported may carry its recording: a web link, or Voronka's own player link.
  const recording =
    a.kind === 'call' &&
    typeof d.recordingUrl === 'string' &&
    /^(https?:\/\/|\/api\/v1\/telephony\/recording\?)/i.test(d.recordingUrl)
      ? d.recordingUrl
      : null;
  return (
    <Paper p={0} bg="transparent">
      {a.kind === 'stage_change' ? (
        <Text size="sm">
          {t('timeline.stageChange', { from: d.fromStageName, to: d.toStageName })}
        </Text>
      ) : null}
      {a.kind === 'assignment' ? <AssignmentBody data={a.data as AssignmentData} /> : null}
      {a.kind === 'message' ? <MessageHead activity={a} /> : null}
      {a.kind === 'automation' ? (
        <Text size="xs" c="dimmed">
          {t(`automations.runStatus.${String(a.data.status)}`)}
          {a.data.error ? ` · ${String(a.data.error)}` : ''}
        </Text>
      ) : null}
      {a.body ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {a.body}
        </Text>
      ) : null}
      {d.durationSeconds !== undefined || d.outcome ? (
        <Text size="xs" c="dimmed">
          {[
            d.durationSeconds !== undefined
              ? t('timeline.duration', { minutes: Math.round(d.durationSeconds / 60) })
              : null,
            d.outcome,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      ) : null}
      {a.kind === 'request' && a.leadId ? (
        <Anchor component={Link} to={`/leads?lead=${a.leadId}`} size="sm">
          {t('timeline.openRequest')}
        </Anchor>
      ) : null}
      {recording ? (
        <Anchor href={recording} target="_blank" rel="noopener noreferrer" size="sm">
          {t('calls.recording')}
        </Anchor>
      ) : null}
    </Paper>
  );
}

type MessageData = {
  conversationId?: string;
  direction?: 'in' | 'out';
  status?: string;
  channelName?: string;
  senderName?: string | null;
};

// A message of the client's conversation: who wrote (the client or us), through which channel, a
// failed reply marked, and the way to the conversation.
function MessageHead({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation();
  const d = a.data as MessageData;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="xs" c="dimmed">
        {[
          d.direction === 'out'
            ? t('timeline.messageOut')
            : t('timeline.messageIn', { name: d.senderName ?? '' }).trim(),
          d.channelName,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {d.status === 'failed' ? (
        <Badge size="xs" color="red" variant="light">
          {t('timeline.messageFailed')}
        </Badge>
      ) : null}
      {d.conversationId ? (
        <Anchor component={Link} to={`/inbox?c=${d.conversationId}`} size="xs">
          {t('timeline.openConversation')}
        </Anchor>
      ) : null}
    </Group>
  );
}

type AssignmentData = {
  memberName?: string | null;
  teamName?: string | null;
  reason?: AssignmentReason;
};

// Routing gave the request to someone (or queued it): who, and why in words.
function AssignmentBody({ data }: { data: AssignmentData }) {
  const { t } = useTranslation();
  const who =
    data.memberName ??
    (data.teamName ? t('timeline.queuedIn', { team: data.teamName }) : t('timeline.queued'));
  return (
    <Text size="sm">
      {who}
      {data.reason ? ` — ${assignmentReasonText(t, data.reason)}` : ''}
    </Text>
  );
}
