import { channelFields, type Channel } from '@voronka/contract';
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { ChannelDialog } from './ChannelDialog';
import { fieldLook, selectValue, telegramNeedsHttps } from './channel-fields';
import {
  useChannels,
  useConnectTelegram,
  useDeleteChannel,
  useUpdateChannel,
} from './use-channels';
import { ChannelAddresses } from './ChannelAddresses';

// Settings → Channels: where requests come from. Every member sees them; the workspace's update
// right adds, changes, switches off and deletes them.
export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const canEdit = useCanWrite('workspace', 'update');
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  return (
    <Stack>
      <PageHeader
        title={t('channels.title')}
        description={t('channels.description')}
        actions={
          <Button onClick={() => setEditing('new')} disabled={!canEdit}>
            {t('channels.add')}
          </Button>
        }
      />
      <FormAlert message={channels.error ? errorMessage(channels.error) : null} />
      {channels.data && !channels.data.length ? (
        <Text c="dimmed">{t('channels.empty')}</Text>
      ) : null}
      {(channels.data ?? []).map((c) => (
        <ChannelRow key={c.id} channel={c} canEdit={canEdit} onEdit={() => setEditing(c)} />
      ))}
      {editing ? (
        <ChannelDialog
          channel={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function ChannelRow({
  channel: c,
  canEdit,
  onEdit,
}: {
  channel: Channel;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateChannel(c.id);
  const remove = useDeleteChannel();
  const secrets = Object.keys(c.hasSecrets);
  return (
    <Paper withBorder p="md" data-testid="channel-row">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ChannelIcon kind={c.kind} size="lg" />
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`inbox.kinds.${c.kind}`)}
              </Text>
              {!c.enabled && c.disabledReason ? (
                <Text size="xs" c="red">
                  {t('channels.disabledReason', { reason: c.disabledReason })}
                </Text>
              ) : null}
            </div>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Switch
              label={c.enabled ? t('channels.on') : t('channels.off')}
              checked={c.enabled}
              disabled={!canEdit || update.isPending}
              onChange={(e) => update.mutate({ enabled: e.currentTarget.checked })}
            />
            <Button size="xs" variant="light" onClick={onEdit} disabled={!canEdit}>
              {t('common.edit')}
            </Button>
            <ConfirmButton
              ariaLabel={t('channels.delete')}
              title={t('channels.delete')}
              message={t('channels.deleteConfirm')}
              disabled={!canEdit}
              onConfirm={() => remove.mutate(c.id)}
            />
          </Group>
        </Group>
        <FormAlert
          message={
            remove.error
              ? errorMessage(remove.error)
              : update.error
                ? errorMessage(update.error)
                : null
          }
        />
        {secrets.length ? (
          <Group gap={6}>
            {secrets.map((s) => (
              <Badge key={s} variant="light" color="teal">
                {t(`channels.secrets.${s}`, { defaultValue: s })}: {t('channels.secretSaved')}
              </Badge>
            ))}
          </Group>
        ) : null}
        <SettingsSummary channel={c} />
        {c.kind === 'telegram' ? <TelegramConnect channel={c} canEdit={canEdit} /> : null}
        <ChannelAddresses channel={c} />
      </Stack>
    </Paper>
  );
}

// Telegram: "Connect" asks Telegram to deliver to this channel (setWebhook with a secret, or
// deleteWebhook in polling mode) and fills in the bot's username; Telegram's refusal is shown as is.
function TelegramConnect({ channel: c, canEdit }: { channel: Channel; canEdit: boolean }) {
  const { t } = useTranslation();
  const connect = useConnectTelegram(c.id);
  const hasToken = Boolean(c.hasSecrets.botToken);
  const polling = c.settings.mode === 'polling';
  const username = typeof c.settings.botUsername === 'string' ? c.settings.botUsername : null;
  const failure = connectFailure(connect.error, t);
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          onClick={() => connect.mutate()}
          loading={connect.isPending}
          disabled={!canEdit || !hasToken}
        >
          {t('channels.connect.button')}
        </Button>
        <Text size="xs" c="dimmed">
          {!hasToken
            ? t('channels.connect.needToken')
            : polling
              ? t('channels.connect.pollingHint')
              : t('channels.connect.webhookHint')}
        </Text>
      </Group>
      {telegramNeedsHttps(c.settings.mode, c.webhookUrls[0]?.url) ? (
        <Text size="xs" c="orange.8">
          {t('channels.connect.httpsOnly')}
        </Text>
      ) : null}
      {connect.isSuccess ? (
        <Alert color="teal" variant="light" p="xs" role="status">
          {t(polling ? 'channels.connect.donePolling' : 'channels.connect.done', {
            username: String(connect.data.settings.botUsername ?? username ?? ''),
          })}
        </Alert>
      ) : username ? (
        <Text size="sm">{t('channels.connect.bot', { username })}</Text>
      ) : null}
      <FormAlert message={failure} />
    </Stack>
  );
}

// The provider's own reason (502 channel.connect_failed) is the useful part: shown as received.
function connectFailure(e: unknown, t: TFunction): string | null {
  if (!e) return null;
  if (!isApiError(e)) return errorMessage(e);
  if (e.code === 'channel.connect_failed')
    return t('channels.connect.failed', { reason: e.detail });
  if (e.code === 'request.invalid' && e.field === 'secrets.botToken')
    return t('channels.connect.noToken');
  return errorMessage(e);
}

// The channel's settings at a glance (choices by their names); the bot's username is shown by Connect.
function SettingsSummary({ channel: c }: { channel: Channel }) {
  const { t } = useTranslation();
  const parts = channelFields[c.kind].settings.flatMap((k) => {
    if (c.kind === 'telegram' && k === 'botUsername') return [];
    const look = fieldLook(c.kind, k);
    const v = c.settings[k];
    const value =
      look.input === 'select'
        ? t(`${look.labels}.${selectValue(look, typeof v === 'string' ? v : undefined)}`)
        : Array.isArray(v)
          ? v.join(', ')
          : v === undefined || v === null
            ? ''
            : String(v);
    return value ? [`${t(`channels.settings.${k}`, { defaultValue: k })}: ${value}`] : [];
  });
  if (!parts.length) return null;
  return (
    <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
      {parts.join(' · ')}
    </Text>
  );
}
