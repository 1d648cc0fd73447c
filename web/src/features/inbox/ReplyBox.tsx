import type { Conversation } from '@voronka/contract';
import { Button, FileButton, Group, Pill, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { newIdempotencyKey } from '../../app/idempotency-key';
import { useCanWrite } from '../../app/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { useReply } from './use-inbox';

// The reply box. Each composed message has one Idempotency-Key, kept until it is sent: a double
// click, Ctrl+Enter pressed twice or a retry after a lost answer is one reply on the server. A
// changed text (or other files) is another message and gets a new key.
// Files go as base64 inside the JSON body, which the API caps at 1 MiB: up to 5 files and
// MAX_FILES_BYTES together.
const MAX_FILES = 5;
export const MAX_FILES_BYTES = 700 * 1024;

const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
export function ReplyBox({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const reply = useReply(c.id);
  const canUpdate = useCanWrite('leads', 'update');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const composed = useRef<{ text: string; key: string } | null>(null);
  const sending = useRef(false);
  const addFiles = (picked: File[]) => {
    const next = [...files, ...picked].slice(0, MAX_FILES);
    const bytes = next.reduce((n, f) => n + f.size, 0);
    if (bytes > MAX_FILES_BYTES) return setFileError(t('inbox.filesTooLarge', { max: Math.round(MAX_FILES_BYTES / 1024) }));
    setFileError(picked.length + files.length > MAX_FILES ? t('inbox.filesTooMany', { max: MAX_FILES }) : null);
    setFiles(next);
  };
  const send = async () => {
    const body = text.trim();
    if (!body || sending.current) return;
    const signature = `${body}\u0000${files.map((f) => `${f.name}:${f.size}`).join('|')}`;
    if (composed.current?.text !== signature) composed.current = { text: signature, key: newIdempotencyKey() };
    sending.current = true;
    const key = composed.current.key;
    let attachments;
    try {
      attachments = files.length ? await Promise.all(files.map(async (f) => ({ name: f.name, type: f.type || 'application/octet-stream', contentBase64: await toBase64(f) }))) : undefined;
    } catch {
      sending.current = false;
      return setFileError(t('inbox.fileUnreadable'));
    }
    reply.mutate(
      { body: { text: body, ...(attachments ? { attachments } : {}) }, key },
      {
        onSuccess: () => {
          composed.current = null;
          setText('');
          setFiles([]);
          setFileError(null);
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  };
  return (
    <Stack gap={6}>
      <FormAlert message={reply.error ? errorMessage(reply.error) : fileError} />
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
            void send();
          }
        }}
      />
      {files.length > 0 && (
        <Group gap={4}>
          {files.map((f, i) => (
            <Pill key={`${f.name}-${i}`} withRemoveButton onRemove={() => setFiles(files.filter((_, j) => j !== i))} removeButtonProps={{ 'aria-label': t('inbox.removeFile', { name: f.name }) }}>
              {f.name}
            </Pill>
          ))}
        </Group>
      )}
      <Group justify="flex-end" wrap="nowrap">
        <FileButton onChange={addFiles} multiple disabled={!canUpdate || files.length >= MAX_FILES}>
          {(props) => (
            <Button {...props} variant="subtle" size="compact-sm" aria-label={t('inbox.attach')} style={{ flexShrink: 0 }}>
              {t('inbox.attachShort')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" mr="auto" visibleFrom="sm">
          {t('inbox.sendHint')}
        </Text>
        <Button style={{ flexShrink: 0 }} onClick={() => void send()} loading={reply.isPending} disabled={!canUpdate || !text.trim() || reply.isPending}>
          {t('inbox.send')}
        </Button>
      </Group>
    </Stack>
  );
}
