import type { Conversation } from '@voronka/contract';
import { Button, Center, Paper, ScrollArea, Stack } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { MessageBubble } from './MessageBubble';
import { useThreadHistory } from './thread-history';
import { useRetryMessage } from './use-inbox';
import { useCanWrite } from '../../lib/use-can-write';

// The messages, oldest first, scrolled to the newest; earlier ones load on demand above.
export function Thread({
  conversation: c,
  userName,
}: {
  conversation: Conversation;
  userName: (id: string | null) => string | null;
}) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const history = useThreadHistory(c);
  const retry = useRetryMessage(c.id);
  const canUpdate = useCanWrite('leads', 'update');
  const first = history.messages[0]?.id;
  const last = history.messages.at(-1)?.id;
  useEffect(() => {
    const v = viewport.current;
    if (v) v.scrollTop = v.scrollHeight;
  }, [last]);
  // Earlier messages land above: keep the message that was on top where it was.
  const heightBefore = useRef(0);
  useLayoutEffect(() => {
    const v = viewport.current;
    if (v && heightBefore.current) v.scrollTop += v.scrollHeight - heightBefore.current;
    heightBefore.current = 0;
  }, [first]);
  const loadOlder = () => {
    heightBefore.current = viewport.current?.scrollHeight ?? 0;
    history.loadOlder();
  };
  return (
    <Paper withBorder p={0}>
      {/* Tall enough to read, short enough that the reply box below stays on screen. */}
      <ScrollArea.Autosize
        mah="max(240px, calc(100dvh - 470px))"
        viewportRef={viewport}
        type="auto"
      >
        <Stack gap="xs" p="sm" aria-label={t('inbox.thread')} role="log">
          {history.hasOlder ? (
            <Center>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={loadOlder}
                loading={history.loadingOlder}
              >
                {t('inbox.showOlder')}
              </Button>
            </Center>
          ) : null}
          <FormAlert
            message={
              history.error
                ? errorMessage(history.error)
                : retry.error
                  ? errorMessage(retry.error)
                  : null
            }
          />
          {history.messages.map((m) => (
            <MessageBubble
              key={m.id}
              message={m}
              authorName={userName(m.authorId)}
              onRetry={canUpdate ? (id) => retry.mutate(id) : undefined}
              retrying={retry.isPending && retry.variables === m.id}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
