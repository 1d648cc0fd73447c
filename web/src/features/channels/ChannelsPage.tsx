import type { Channel } from '@voronka/contract';
import { Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { useCanWrite } from '../../app/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyField';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { ChannelDialog } from './ChannelDialog';
import { useChannels, useDeleteChannel, useUpdateChannel } from './use-channels';

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
      {channels.data && !channels.data.length ? <Text c="dimmed">{t('channels.empty')}</Text> : null}
      {(channels.data ?? []).map((c) => (
        <ChannelRow key={c.id} channel={c} canEdit={canEdit} onEdit={() => setEditing(c)} />
      ))}
      {editing ? <ChannelDialog channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function ChannelRow({ channel: c, canEdit, onEdit }: { channel: Channel; canEdit: boolean; onEdit: () => void }) {
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
            </div>
          </Group>
          <Group gap="xs">
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
              label={t('common.delete')}
              ariaLabel={t('channels.delete')}
              title={t('channels.delete')}
              message={t('channels.deleteConfirm')}
              confirmLabel={t('common.delete')}
              cancelLabel={t('common.cancel')}
              disabled={!canEdit}
              onConfirm={() => remove.mutate(c.id)}
            />
          </Group>
        </Group>
        <FormAlert message={remove.error ? errorMessage(remove.error) : update.error ? errorMessage(update.error) : null} />
        {secrets.length ? (
          <Group gap={6}>
            {secrets.map((s) => (
              <Badge key={s} variant="light" color="teal">
                {t(`channels.secrets.${s}`, { defaultValue: s })}: {t('channels.secretSaved')}
              </Badge>
            ))}
          </Group>
        ) : null}
        {c.webhookUrls.map((w) => (
          <Stack key={w.name} gap={2}>
            <Text size="xs" c="dimmed">
              {t(`channels.urls.${w.name}`, { defaultValue: w.name })}
            </Text>
            <CopyField value={w.url} testId={`webhook-${c.id}-${w.name}`} copyLabel={t('channels.copy')} copiedLabel={t('channels.copied')} />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
