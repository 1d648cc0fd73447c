import type { Message } from '@voronka/contract';
import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  downloadUrl,
  emailDocument,
  emailFrameHeight,
  formatSize,
  formatWhen,
} from './inbox-format';

const statusColor = { received: 'gray', queued: 'yellow', sent: 'teal', failed: 'red' } as const;

// One message: the client's on the left, ours on the right with its sending status.
// A reply that went another way than the conversation's channel says which (e-mail to …, a call).
function deliveryLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  m: Message,
): string | null {
  const d = m.delivery;
  if (!d || d.via === 'channel') return null;
  if (d.via === 'email') return t('inbox.delivery.email', { to: d.to });
  if (d.via === 'messenger') return t('inbox.delivery.messenger');
  return d.to ? t('inbox.delivery.call', { to: d.to }) : t('inbox.delivery.callNoPhone');
}

export function MessageBubble({
  message: m,
  authorName,
  onRetry,
  retrying,
}: {
  message: Message;
  authorName: string | null;
  onRetry?: (id: string) => void;
  retrying?: boolean;
}) {
  const { t } = useTranslation();
  const out = m.direction === 'out';
  const via = out ? deliveryLabel(t, m) : null;
  return (
    <Group
      justify={out ? 'flex-end' : 'flex-start'}
      wrap="nowrap"
      data-testid={`message-${m.direction}`}
    >
      <Paper
        withBorder
        p="xs"
        radius="md"
        maw={m.html ? '100%' : '85%'}
        w={m.html ? '100%' : undefined}
        bg={out ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
      >
        <Stack gap={4}>
          {m.call ? (
            <Text size="sm" fw={500}>
              {t(`inbox.call.${m.call.event}`)}
              {m.call.durationSec
                ? ` · ${t('inbox.call.duration', { count: Math.round(m.call.durationSec) })}`
                : ''}
            </Text>
          ) : null}
          {m.html ? (
            <iframe
              title={t('inbox.emailBody')}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              srcDoc={emailDocument(m.html)}
              referrerPolicy="no-referrer"
              style={{
                width: '100%',
                height: emailFrameHeight(m.html),
                border: 0,
                background: 'white',
                borderRadius: 4,
              }}
            />
          ) : m.text ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.text}
            </Text>
          ) : null}
          {m.attachments.length ? (
            <Stack gap={2}>
              {m.attachments.map((a, i) =>
                a.fileId ? (
                  <Anchor key={a.fileId} href={downloadUrl(a.fileId)} download={a.name} size="sm">
                    <Clip /> {a.name} ({formatSize(a.size)})
                  </Anchor>
                ) : (
                  <Text key={`omitted-${i}`} size="sm" c="dimmed">
                    <Clip /> {a.name} — {t('inbox.fileOmitted', { size: formatSize(a.size) })}
                  </Text>
                ),
              )}
            </Stack>
          ) : null}
          <Group gap={6} justify="flex-end">
            <Text size="xs" c="dimmed">
              {via ? `${via} · ` : ''}
              {out && authorName ? `${authorName} · ` : ''}
              {formatWhen(m.sentAt ?? m.createdAt)}
            </Text>
            {out ? (
              <Badge
                size="xs"
                variant="light"
                color={statusColor[m.status]}
                title={m.error ?? undefined}
              >
                {t(`inbox.messageStatus.${m.status}`)}
              </Badge>
            ) : null}
          </Group>
          {out && m.status === 'failed' ? (
            <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
              <Box>
                <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                  {t('inbox.delivery.failed')}
                  {m.error ? `: ${m.error}` : ''}
                </Text>
              </Box>
              {onRetry ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="red"
                  onClick={() => onRetry(m.id)}
                  loading={retrying}
                  style={{ flexShrink: 0 }}
                >
                  {t('inbox.delivery.retry')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </Group>
  );
}

function Clip() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="14"
      height="14"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      style={{ verticalAlign: '-2px' }}
    >
      <path d="M21 11.5 12.5 20a5 5 0 0 1-7-7l9-9a3.3 3.3 0 0 1 4.7 4.7l-9 9a1.7 1.7 0 0 1-2.4-2.4L16 7.5" />
    </svg>
  );
}
