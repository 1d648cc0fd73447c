import type { ConversationSummary } from '@voronka/contract';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChannelIcon } from './ChannelIcon';
import { clientLabel, formatWhen } from './inbox-format';

export function ConversationList(props: { items: ConversationSummary[]; loading: boolean; selected: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  if (props.loading) return null;
  if (!props.items.length)
    return (
      <Text c="dimmed" size="sm">
        {t('inbox.empty')}
      </Text>
    );
  return (
    <Stack gap={6} role="list" aria-label={t('inbox.title')}>
      {props.items.map((c) => {
        const unread = c.unread > 0;
        const active = c.id === props.selected;
        return (
          <UnstyledButton key={c.id} role="listitem" onClick={() => props.onOpen(c.id)} aria-current={active ? 'true' : undefined} data-testid="conversation-item">
            <Paper withBorder p="sm" bg={active ? 'var(--mantine-primary-color-light)' : undefined}>
              <Group wrap="nowrap" gap="sm" align="flex-start">
                <ChannelIcon kind={c.channel.kind} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={unread ? 700 : 500} truncate>
                      {clientLabel(c) ?? t('inbox.unknownClient')}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {formatWhen(c.lastMessageAt)}
                    </Text>
                  </Group>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="xs" c={unread ? undefined : 'dimmed'} lineClamp={1}>
                      {c.subject ? `${c.subject} — ` : ''}
                      {c.preview ?? (c.channel.kind === 'phone' ? t('inbox.callPreview') : t('inbox.noText'))}
                    </Text>
                    {unread ? (
                      <Badge size="sm" circle style={{ flexShrink: 0 }} aria-label={t('inbox.unreadMessages', { count: c.unread })}>
                        {c.unread}
                      </Badge>
                    ) : c.status === 'closed' ? (
                      <Badge size="xs" variant="light" color="gray">
                        {t('inbox.status.closed')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {c.channel.name}
                  </Text>
                </div>
              </Group>
            </Paper>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
