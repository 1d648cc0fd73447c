import type { Conversation, User } from '@voronka/contract';
import {
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { ConvertDialog } from '../leads/ConvertDialog';
import { leadStatusColor } from '../leads/lead-format';
import { useLead, useUpdateLead } from '../leads/use-leads';
import { ChannelIcon } from './ChannelIcon';
import { ClientCard } from './ClientCard';
import { PriorityBadge } from './PriorityBadge';
import { ReplyBox } from './ReplyBox';
import { RoutingCard } from './RoutingCard';
import { Thread } from './Thread';
import { clientLabel, distinctSubject } from './inbox-format';
import { inboxKey, useConversation, useMarkRead, useUpdateConversation } from './use-inbox';

// The open conversation: the thread, the reply box, the client beside it and what to do with the
// request (make a deal of it, or throw it out as junk).
export function ConversationView({
  id,
  users,
  onBack,
}: {
  id: string;
  users: User[];
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const conv = useConversation(id);
  const markRead = useMarkRead();
  const canUpdate = useCanWrite('leads', 'update');
  const unread = conv.data?.unread ?? 0;
  useEffect(() => {
    if (unread > 0 && canUpdate && !markRead.isPending) markRead.mutate(id);
    // Only when new unread messages are seen, not on every render.
  }, [id, unread, canUpdate]);

  if (conv.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (!conv.data) return <FormAlert message={errorMessage(conv.error)} />;
  const c = conv.data;
  const userName = (memberId: string | null) =>
    memberId ? (users.find((u) => u.id === memberId)?.name ?? null) : null;

  return (
    <Stack gap="sm">
      {onBack ? (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onBack}
          style={{ alignSelf: 'flex-start' }}
        >
          ← {t('inbox.back')}
        </Button>
      ) : null}
      <Header conversation={c} users={users} />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Thread conversation={c} userName={userName} />
            <ReplyBox conversation={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <ClientCard conversation={c} />
            <RoutingCard conversation={c} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Header({ conversation: c, users }: { conversation: Conversation; users: User[] }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(c.id);
  const lead = useLead(c.lead?.id ?? null);
  const updateLead = useUpdateLead(c.lead?.id ?? '');
  const canUpdate = useCanWrite('leads', 'update');
  const [converting, setConverting] = useState(false);
  const qc = useQueryClient();
  const converted = () => {
    setConverting(false);
    void qc.invalidateQueries({ queryKey: inboxKey });
  };
  const open = c.lead && c.lead.status !== 'converted' && c.lead.status !== 'junk';
  const junk = () =>
    updateLead.mutate({ status: 'junk' }, { onSuccess: () => update.mutate({ status: 'closed' }) });
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ChannelIcon kind={c.channel.kind} size="lg" />
            <div style={{ minWidth: 0 }}>
              <Title order={2} size="h4" lineClamp={1}>
                {clientLabel(c) ?? t('inbox.unknownClient')}
              </Title>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {c.channel.name}
                {distinctSubject(c) ? ` · ${distinctSubject(c)}` : ''}
              </Text>
            </div>
          </Group>
          <Group gap={6}>
            {c.priority ? <PriorityBadge score={c.priority.score} /> : null}
            {c.lead ? (
              <Badge variant="light" color={leadStatusColor[c.lead.status]}>
                {t(`leads.statuses.${c.lead.status}`)}
              </Badge>
            ) : null}
            <Badge variant="outline" color={c.status === 'open' ? 'blue' : 'gray'}>
              {t(`inbox.status.${c.status}`)}
            </Badge>
          </Group>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            disabled={!canUpdate || !open || !lead.data}
            onClick={() => setConverting(true)}
          >
            {t('inbox.createDeal')}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="gray"
            disabled={!canUpdate || !open}
            loading={updateLead.isPending}
            onClick={junk}
          >
            {t('inbox.junk')}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={!canUpdate}
            loading={update.isPending && update.variables?.status !== undefined}
            onClick={() => update.mutate({ status: c.status === 'open' ? 'closed' : 'open' })}
          >
            {c.status === 'open' ? t('inbox.close') : t('inbox.reopen')}
          </Button>
          <Select
            size="xs"
            aria-label={t('inbox.assignee')}
            placeholder={t('inbox.assignee')}
            value={c.assigneeId ?? ''}
            disabled={!canUpdate}
            onChange={(v) => update.mutate({ assigneeId: v || null })}
            allowDeselect={false}
            searchable
            w={200}
            data={[
              { value: '', label: t('inbox.unassigned') },
              ...users.map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
        </Group>
        <FormAlert message={updateLead.error ? errorMessage(updateLead.error) : null} />
      </Stack>
      {converting && lead.data ? <ConvertDialog lead={lead.data} onClose={converted} /> : null}
    </Paper>
  );
}
