import type { ConversationSummary } from '@voronka/contract';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelIcon } from './ChannelIcon';
import { PriorityBadge } from './PriorityBadge';
import { SlaCountdown, isCountingDown } from './SlaCountdown';
import { clientLabel, distinctSubject, formatWhen } from './inbox-format';
import { useNow } from '../../lib/use-now';

// Up and down move between the rows (Tab still works); Enter or Space opens one.
function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = [
    ...e.currentTarget.querySelectorAll<HTMLElement>('[data-testid="conversation-item"]'),
  ];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  e.preventDefault();
  rows[Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

// The rows in the server's order (warmest first, or latest first); every countdown reads one ticker.
export function ConversationList(props: {
  items: ConversationSummary[];
  loading: boolean;
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const now = useNow(props.items.some(isCountingDown));
  if (props.loading) return null;
  if (!props.items.length)
    return (
      <Text c="dimmed" size="sm">
        {t('inbox.empty')}
      </Text>
    );
  return (
    <Stack gap={6} role="list" aria-label={t('inbox.title')} onKeyDown={moveFocus}>
      {props.items.map((c) => {
        const unread = c.unread > 0;
        const active = c.id === props.selected;
        return (
          // A list item holding a button (a button may not be a list item itself).
          <div key={c.id} role="listitem">
            <UnstyledButton
              onClick={() => props.onOpen(c.id)}
              aria-current={active ? 'true' : undefined}
              data-testid="conversation-item"
              w="100%"
            >
              <Paper
                withBorder
                p="sm"
                bg={active ? 'var(--mantine-primary-color-light)' : undefined}
              >
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
                        {distinctSubject(c) ? `${distinctSubject(c)} — ` : ''}
                        {c.preview ??
                          (c.channel.kind === 'phone' ? t('inbox.callPreview') : t('inbox.noText'))}
                      </Text>
                      {unread ? (
                        <Badge
                          size="sm"
                          circle
                          style={{ flexShrink: 0 }}
                          aria-label={t('inbox.unreadMessages', {
                            count: c.unread,
                          })}
                        >
                          {c.unread}
                        </Badge>
                      ) : c.status === 'closed' ? (
                        <Badge size="xs" variant="light" color="gray">
                          {t('inbox.status.closed')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="xs" c="dimmed" truncate>
                        {c.channel.name}
                      </Text>
                      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                        {c.status === 'open' || c.firstRespondedAt ? (
                          <SlaCountdown conversation={c} now={now} />
                        ) : null}
                        {c.priority ? <PriorityBadge score={c.priority.score} /> : null}
                      </Group>
                    </Group>
                  </div>
                </Group>
              </Paper>
            </UnstyledButton>
          </div>
        );
      })}
    </Stack>
  );
}
