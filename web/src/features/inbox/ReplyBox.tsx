import type { Conversation } from '@voronka/contract';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { newIdempotencyKey } from '../../app/idempotency-key';
import { useCanWrite } from '../../app/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { useReply } from './use-inbox';

// The reply box. Each composed message has one Idempotency-Key, kept until it is sent: a double
// click, Ctrl+Enter pressed twice or a retry after a lost answer is one reply on the server. A
// changed text is another message and gets a new key.
export function ReplyBox({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const reply = useReply(c.id);
  const canUpdate = useCanWrite('leads', 'update');
  const [text, setText] = useState('');
  const composed = useRef<{ text: string; key: string } | null>(null);
  const sending = useRef(false);
  const send = () => {
    const body = text.trim();
    if (!body || sending.current) return;
    if (composed.current?.text !== body) composed.current = { text: body, key: newIdempotencyKey() };
    sending.current = true;
    reply.mutate(
      { body: { text: body }, key: composed.current.key },
      {
        onSuccess: () => {
          composed.current = null;
          setText('');
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  };
  return (
    <Stack gap={6}>
      <FormAlert message={reply.error ? errorMessage(reply.error) : null} />
      <Textarea
        aria-label={t('inbox.reply')}
        placeholder={t('inbox.replyPlaceholder')}
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        disabled={!canUpdate}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Group justify="flex-end" wrap="nowrap">
        <Text size="xs" c="dimmed" mr="auto" visibleFrom="sm">
          {t('inbox.sendHint')}
        </Text>
        <Button onClick={send} loading={reply.isPending} disabled={!canUpdate || !text.trim() || reply.isPending}>
          {t('inbox.send')}
        </Button>
      </Group>
    </Stack>
  );
}
