import type { PrivacyRequest } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatDate } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import {
  exportFileUrl,
  letterUrl,
  useCloseRequest,
  useContactOptions,
  useCreatePrivacyRequest,
  useErase,
  useExtendRequest,
  usePrivacyRequests,
  useStartExport,
} from './use-privacy';

type Dialog = { kind: 'extend' | 'close' | 'erase'; request: PrivacyRequest } | null;

// The register of data-subject requests: open ones by deadline first, overdue in red.
export function RequestRegister() {
  const { t } = useTranslation();
  const requests = usePrivacyRequests();
  const exportStart = useStartExport();
  const [dialog, setDialog] = useState<Dialog>(null);
  return (
    <Stack>
      <NewRequest />
      <DataTable
        aria-label={t('privacy.tabs.requests')}
        minWidth={820}
        loading={requests.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('privacy.requests.empty')}
        columns={[
          t('privacy.requests.person'),
          t('privacy.requests.kind'),
          t('privacy.requests.received'),
          t('privacy.requests.due'),
          t('privacy.requests.status'),
        ]}
        actionsLabel={t('common.actions')}
        rows={requests.data ?? []}
        renderRow={(r) => (
          <Table.Tr key={r.id}>
            <Table.Td fw={500}>{r.contactName ?? '—'}</Table.Td>
            <Table.Td>{t(`privacy.kinds.${r.kind}`)}</Table.Td>
            <Table.Td>{formatDate(r.receivedAt)}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {/* The deadline is the end of its last working day: that day is shown. */}
                <Text size="sm">
                  {formatDate(new Date(new Date(r.dueAt).getTime() - 1).toISOString())}
                </Text>
                {r.overdue ? (
                  <Badge color="red" variant="light">
                    {t('privacy.requests.overdue')}
                  </Badge>
                ) : null}
                {r.extended ? (
                  <Badge color="gray" variant="light">
                    {t('privacy.requests.extended')}
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={r.status === 'open' ? 'blue' : 'gray'}>
                {t(`privacy.statuses.${r.status}`)}
              </Badge>
              {r.erasedAt ? (
                <Badge ml={4} variant="light" color="dark">
                  {t('privacy.requests.erased')}
                </Badge>
              ) : null}
              {r.export && r.export.status !== 'done' ? (
                <Progress
                  mt={4}
                  aria-label={t('privacy.requests.exportProgress')}
                  value={r.export.total ? (100 * r.export.done) / r.export.total : 0}
                />
              ) : null}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                {r.kind === 'access' && r.status === 'open' ? (
                  <Button
                    size="xs"
                    variant="light"
                    loading={exportStart.isPending}
                    onClick={() => exportStart.mutate({ id: r.id, body: undefined })}
                  >
                    {t('privacy.requests.export')}
                  </Button>
                ) : null}
                {r.export?.status === 'done' ? (
                  <Anchor size="sm" href={exportFileUrl(r.id)} download>
                    {t('privacy.requests.download')}
                  </Anchor>
                ) : null}
                <Anchor size="sm" href={letterUrl(r.id)} download>
                  {t('privacy.requests.letter')}
                </Anchor>
                {r.kind === 'erasure' && r.status === 'open' && !r.erasedAt ? (
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => setDialog({ kind: 'erase', request: r })}
                  >
                    {t('privacy.requests.erase')}
                  </Button>
                ) : null}
                {r.status === 'open' && !r.extended ? (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setDialog({ kind: 'extend', request: r })}
                  >
                    {t('privacy.requests.extend')}
                  </Button>
                ) : null}
                {r.status === 'open' ? (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setDialog({ kind: 'close', request: r })}
                  >
                    {t('privacy.requests.close')}
                  </Button>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {dialog ? <RequestDialog dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

function NewRequest() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('access');
  const options = useContactOptions(q);
  const create = useCreatePrivacyRequest({ onSuccess: () => setContactId(null) });
  return (
    <Group align="end" wrap="wrap">
      <Select
        label={t('privacy.requests.person')}
        placeholder={t('privacy.requests.findPerson')}
        searchable
        searchValue={q}
        onSearchChange={setQ}
        data={options.data ?? []}
        value={contactId}
        onChange={setContactId}
        filter={({ options: o }) => o}
        w={280}
      />
      <Select
        label={t('privacy.requests.kind')}
        data={(['access', 'correction', 'erasure'] as const).map((k) => ({
          value: k,
          label: t(`privacy.kinds.${k}`),
        }))}
        value={kind}
        onChange={setKind}
        allowDeselect={false}
        w={200}
      />
      <Button
        disabled={!contactId || !kind}
        loading={create.isPending}
        onClick={() =>
          contactId &&
          create.mutate({ contactId, kind: kind as 'access' | 'correction' | 'erasure' })
        }
      >
        {t('privacy.requests.create')}
      </Button>
      {create.error ? <FormAlert message={errorMessage(create.error)} /> : null}
    </Group>
  );
}

function RequestDialog({ dialog, onClose }: { dialog: NonNullable<Dialog>; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>('done');
  const events = { onSuccess: onClose };
  const extend = useExtendRequest(events);
  const close = useCloseRequest(events);
  const erase = useErase(events);
  const r = dialog.request;
  const pending = extend.isPending || close.isPending || erase.isPending;
  const error = extend.error ?? close.error ?? erase.error;
  const submit = () => {
    if (dialog.kind === 'extend') extend.mutate({ id: r.id, body: { reason: text } });
    else if (dialog.kind === 'close')
      close.mutate({
        id: r.id,
        body: { status: status === 'rejected' ? 'rejected' : 'done', answer: text },
      });
    else erase.mutate({ id: r.id, body: { confirm: text } });
  };
  return (
    <Modal opened onClose={onClose} title={t(`privacy.dialog.${dialog.kind}.title`)}>
      <Stack>
        <Text size="sm">
          {t(`privacy.dialog.${dialog.kind}.text`, { name: r.contactName ?? '' })}
        </Text>
        {dialog.kind === 'close' ? (
          <Select
            label={t('privacy.requests.status')}
            data={[
              { value: 'done', label: t('privacy.statuses.done') },
              { value: 'rejected', label: t('privacy.statuses.rejected') },
            ]}
            value={status}
            onChange={setStatus}
            allowDeselect={false}
          />
        ) : null}
        {dialog.kind === 'erase' ? (
          <TextInput
            label={t('privacy.dialog.erase.confirm')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        ) : (
          <Textarea
            label={t(`privacy.dialog.${dialog.kind}.field`)}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
          />
        )}
        {error ? <FormAlert message={errorMessage(error)} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={dialog.kind === 'erase' ? 'red' : undefined}
            loading={pending}
            disabled={!text.trim()}
            onClick={submit}
          >
            {t(`privacy.dialog.${dialog.kind}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
