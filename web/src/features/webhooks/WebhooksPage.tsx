import {
  WebhookCreateBody,
  webhookEventTypes,
  type Webhook,
  type WebhookWithSecret,
} from '@voronka/contract';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useFormState } from '../../lib/use-form-state';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyField';
import { DataTable } from '../../ui/DataTable';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { DeliveriesDrawer } from './DeliveriesDrawer';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateSecret,
  useToggleWebhook,
  useUpdateWebhook,
  useWebhooks,
} from './use-webhooks';

// Outgoing webhooks: URLs that hear the workspace's events, each delivery signed and logged.
export function WebhooksPage() {
  const { t } = useTranslation();
  const hooks = useWebhooks();
  const toggle = useToggleWebhook();
  const remove = useDeleteWebhook();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const rotate = useRotateSecret({ onSuccess: setSecret });

  return (
    <Stack>
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        actions={<Button onClick={() => setEditing('new')}>{t('webhooks.create')}</Button>}
      />
      <DataTable
        aria-label={t('webhooks.title')}
        minWidth={760}
        loading={hooks.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('webhooks.empty')}
        columns={[
          t('webhooks.url'),
          t('webhooks.events'),
          t('webhooks.status'),
          t('webhooks.lastDelivery'),
        ]}
        actionsLabel={t('common.actions')}
        rows={hooks.data ?? []}
        renderRow={(h) => (
          <Table.Tr key={h.id}>
            <Table.Td maw={320}>
              <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
                {h.url}
              </Text>
              {h.description ? (
                <Text size="xs" c="dimmed">
                  {h.description}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="xs">{h.events.map((e) => t(`webhooks.event.${e}`)).join(', ')}</Text>
            </Table.Td>
            <Table.Td>
              <Switch
                checked={h.active}
                aria-label={t('webhooks.activeFor', { url: h.url })}
                onChange={(e) => toggle.mutate({ id: h.id, active: e.currentTarget.checked })}
              />
              {h.disabledReason ? (
                <Badge color="red" variant="light" mt={4}>
                  {t('webhooks.autoDisabled', { reason: h.disabledReason })}
                </Badge>
              ) : h.consecutiveFailures > 0 ? (
                <Badge color="orange" variant="light" mt={4}>
                  {t('webhooks.failing', { count: h.consecutiveFailures })}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{h.lastDeliveryAt ? formatDateTime(h.lastDeliveryAt) : '—'}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => setLog(h)}>
                  {t('webhooks.log')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setEditing(h)}>
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  label={t('webhooks.rotate')}
                  ariaLabel={t('webhooks.rotateFor', { url: h.url })}
                  title={t('webhooks.rotate')}
                  message={t('webhooks.rotateConfirm')}
                  confirmLabel={t('webhooks.rotate')}
                  onConfirm={() => rotate.mutate(h.id)}
                />
                <ConfirmButton
                  label={t('common.delete')}
                  ariaLabel={t('webhooks.deleteFor', { url: h.url })}
                  title={t('webhooks.deleteTitle')}
                  message={t('webhooks.deleteConfirm', { url: h.url })}
                  confirmLabel={t('common.delete')}
                  onConfirm={() => remove.mutate(h.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing ? (
        <WebhookDialog
          hook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setSecret(created);
          }}
        />
      ) : null}
      {secret ? <SecretDialog hook={secret} onClose={() => setSecret(null)} /> : null}
      {log ? <DeliveriesDrawer hook={log} onClose={() => setLog(null)} /> : null}
    </Stack>
  );
}

// The signing secret, shown once (after create or rotate).
function SecretDialog({ hook, onClose }: { hook: WebhookWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('webhooks.secretTitle')} size="lg">
      <Stack>
        <Alert color="orange" title={t('webhooks.onceTitle')}>
          {t('webhooks.onceWarning')}
        </Alert>
        <CopyField
          value={hook.secret}
          testId="webhook-secret"
          copyLabel={t('common.copy')}
          copiedLabel={t('common.copied')}
        />
        <Text size="sm" c="dimmed">
          {t('webhooks.verifyHint')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function WebhookDialog(props: {
  hook: Webhook | null;
  onClose: () => void;
  onCreated: (h: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation();
  const form = useFormState({
    url: props.hook?.url ?? '',
    description: props.hook?.description ?? '',
    events: (props.hook?.events ?? ['deal.stage_entered']) as string[],
  });
  const create = useCreateWebhook({ onSuccess: props.onCreated, onError: form.fail });
  const update = useUpdateWebhook(props.hook?.id ?? '', {
    onSuccess: props.onClose,
    onError: form.fail,
  });
  const submit = form.onSubmit(WebhookCreateBody, (body) => {
    if (props.hook) update.mutate(body);
    else create.mutate(body);
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t(props.hook ? 'webhooks.editTitle' : 'webhooks.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            placeholder="https://example.com/voronka"
            required
            data-autofocus
            {...form.field('url')}
          />
          <TextInput label={t('webhooks.note')} {...form.field('description')} />
          <MultiSelect
            label={t('webhooks.events')}
            required
            data={webhookEventTypes.map((e) => ({ value: e, label: t(`webhooks.event.${e}`) }))}
            value={form.values.events}
            onChange={(v) => form.set('events', v)}
            error={form.errors.events}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={props.onClose}
            submitLabel={t(props.hook ? 'common.save' : 'webhooks.create')}
            loading={create.isPending || update.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
