import type { Conversation, ReplyBody, ReplyOptions, ReplyRoute } from '@voronka/contract';
import {
  Alert,
  Button,
  FileButton,
  Group,
  Pill,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { QuickReplyList, useQuickReplies } from '../message-templates';
import { useReply, useReplyOptions } from './use-inbox';

// The ways a reply reaches the client (GET reply-options). A website form has none of its own: the
// member chooses e-mail to the address the client left, their messenger, or a call they log; when
// there is no way at all, the box says so and sends nothing.
const routeKey = (r: ReplyRoute) =>
  r.via === 'email'
    ? `email:${r.channelId}:${r.to}`
    : r.via === 'messenger'
      ? `messenger:${r.conversationId}`
      : r.via;

// Short enough not to be cut in the select on a phone: the mailbox is named only when the team has
// several to choose from (the line under the select always says which one the letter leaves from).
export function routeLabel(t: TFunction, r: ReplyRoute, all: ReplyRoute[] = [r]): string {
  if (r.via === 'channel') return t('inbox.route.channel', { name: r.channelName });
  if (r.via === 'email') {
    const several = all.filter((o) => o.via === 'email' && o.to === r.to).length > 1;
    return several
      ? t('inbox.route.emailVia', { to: r.to, name: r.channelName })
      : t('inbox.route.email', { to: r.to });
  }
  if (r.via === 'messenger')
    return t('inbox.route.messenger', {
      kind: t(`inbox.kinds.${r.kind}`),
      to: r.to ?? r.channelName,
    });
  return r.to ? t('inbox.route.call', { to: r.to }) : t('inbox.route.callNoPhone');
}

const routeChoice = (r: ReplyRoute): ReplyBody['route'] =>
  r.via === 'channel'
    ? undefined
    : r.via === 'email'
      ? { via: 'email', channelId: r.channelId, to: r.to }
      : r.via === 'messenger'
        ? { via: 'messenger', conversationId: r.conversationId }
        : { via: 'call' };

// Why other ways are missing, in words (SMS is listed once a provider exists).
function missingHints(t: TFunction, o: ReplyOptions): string[] {
  return o.missing
    .filter((m) => m !== 'channel_disabled')
    .map((m) => t(`inbox.route.missing.${m}`));
}

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
  const options = useReplyOptions(c.id);
  const canUpdate = useCanWrite('leads', 'update');
  const [picked, setPicked] = useState<string | null>(null);
  // Unknown until the options load (or if they cannot): the server decides, and says why not.
  const routes = Array.isArray(options.data?.routes) ? options.data.routes : null;
  const route = routes ? (routes.find((r) => routeKey(r) === picked) ?? routes[0] ?? null) : null;
  const noWay = routes !== null && routes.length === 0;
  const ownChannel = routes?.some((r) => r.via === 'channel') ?? true;
  const [text, setText] = useState('');
  // "/" opens the message templates, filled in for this conversation's client.
  const quick = useQuickReplies(c, text, setText);
  const failure = reply.error ?? quick.error;
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const composed = useRef<{ text: string; key: string } | null>(null);
  const sending = useRef(false);
  const addFiles = (picked: File[]) => {
    const next = [...files, ...picked].slice(0, MAX_FILES);
    const bytes = next.reduce((n, f) => n + f.size, 0);
    if (bytes > MAX_FILES_BYTES)
      return setFileError(t('inbox.filesTooLarge', { max: Math.round(MAX_FILES_BYTES / 1024) }));
    setFileError(
      picked.length + files.length > MAX_FILES ? t('inbox.filesTooMany', { max: MAX_FILES }) : null,
    );
    setFiles(next);
  };
  const send = async () => {
    const body = text.trim();
    if (!body || sending.current || noWay) return;
    const signature = `${body}\u0000${files.map((f) => `${f.name}:${f.size}`).join('|')}\u0000${route ? routeKey(route) : ''}`;
    if (composed.current?.text !== signature)
      composed.current = { text: signature, key: newIdempotencyKey() };
    sending.current = true;
    const key = composed.current.key;
    let attachments;
    try {
      attachments = files.length
        ? await Promise.all(
            files.map(async (f) => ({
              name: f.name,
              type: f.type || 'application/octet-stream',
              contentBase64: await toBase64(f),
            })),
          )
        : undefined;
    } catch {
      sending.current = false;
      return setFileError(t('inbox.fileUnreadable'));
    }
    reply.mutate(
      {
        body: {
          text: body,
          ...(attachments ? { attachments } : {}),
          ...(route && route.via !== 'channel' ? { route: routeChoice(route) } : {}),
        },
        key,
      },
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
      <FormAlert message={failure ? errorMessage(failure) : fileError} />
      {noWay ? <NoRoute options={options.data!} /> : null}
      {routes && route && (!ownChannel || routes.length > 1) ? (
        <RoutePicker
          conversation={c}
          routes={routes}
          route={route}
          options={options.data!}
          onPick={setPicked}
          disabled={!canUpdate}
        />
      ) : null}
      <Textarea
        aria-label={t('inbox.reply')}
        placeholder={t('inbox.replyPlaceholder')}
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        disabled={!canUpdate || noWay}
        onChange={(e) => setText(e.currentTarget.value)}
        {...quick.inputProps}
        onKeyDown={(e) => {
          if (quick.onKeyDown(e)) return;
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <QuickReplyList quick={quick} />
      {files.length > 0 && (
        <Group gap={4}>
          {files.map((f, i) => (
            <Pill
              key={`${f.name}-${i}`}
              withRemoveButton
              onRemove={() => setFiles(files.filter((_, j) => j !== i))}
              removeButtonProps={{ 'aria-label': t('inbox.removeFile', { name: f.name }) }}
            >
              {f.name}
            </Pill>
          ))}
        </Group>
      )}
      <Group justify="flex-end" wrap="nowrap">
        <FileButton onChange={addFiles} multiple disabled={!canUpdate || files.length >= MAX_FILES}>
          {(props) => (
            <Button
              {...props}
              variant="subtle"
              size="compact-sm"
              aria-label={t('inbox.attach')}
              style={{ flexShrink: 0 }}
            >
              {t('inbox.attachShort')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" mr="auto" visibleFrom="sm">
          {t('inbox.sendHint')}
        </Text>
        <Button
          style={{ flexShrink: 0 }}
          onClick={() => void send()}
          loading={reply.isPending}
          disabled={!canUpdate || noWay || !text.trim() || reply.isPending}
        >
          {route?.via === 'call' ? t('inbox.route.logCall') : t('inbox.send')}
        </Button>
      </Group>
    </Stack>
  );
}

// No way back to this client: say so, and what would make one (an e-mail, a messenger).
function NoRoute({ options }: { options: ReplyOptions }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('inbox.route.noneTitle')} data-testid="no-reply-route">
      <Stack gap={2}>
        <Text size="sm">{t('inbox.route.none')}</Text>
        {missingHints(t, options).map((h) => (
          <Text key={h} size="xs" c="dimmed">
            {h}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

// Which way the reply goes, when there is a choice or it is not the conversation's own channel.
function RoutePicker({
  conversation: c,
  routes,
  route,
  options,
  onPick,
  disabled,
}: {
  conversation: Conversation;
  routes: ReplyRoute[];
  route: ReplyRoute;
  options: ReplyOptions;
  onPick: (key: string | null) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const ownChannel = routes.some((r) => r.via === 'channel');
  return (
    <Stack gap={2}>
      <Select
        label={t('inbox.route.label')}
        size="xs"
        allowDeselect={false}
        data={routes.map((r) => ({ value: routeKey(r), label: routeLabel(t, r, routes) }))}
        value={routeKey(route)}
        onChange={onPick}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      {!ownChannel ? (
        <Text size="xs" c="dimmed">
          {[
            route.via === 'email'
              ? t('inbox.route.fromMailbox', { name: route.channelName })
              : null,
            t(`inbox.route.why.${c.channel.kind === 'phone' ? 'phone' : 'web'}`),
            ...missingHints(t, options),
          ]
            .filter(Boolean)
            .join(' ')}
        </Text>
      ) : null}
    </Stack>
  );
}
