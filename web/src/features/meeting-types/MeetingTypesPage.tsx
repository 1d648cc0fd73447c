import type { MeetingType } from '@voronka/contract';
import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyField';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers, useTeams } from '../teams';
import { MeetingTypeDialog } from './MeetingTypeDialog';
import { embedSnippet, useDeleteMeetingType, useMeetingTypes } from './use-meeting-types';

// Settings → Meeting types: what visitors may book on the public pages, who hosts, and the link
// and embed snippet to share.
export function MeetingTypesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const types = useMeetingTypes();
  const users = useActiveUsers();
  const teams = useTeams();
  const canChange = useCanWrite('workspace', 'update');
  // undefined: closed; null: creating; a type: editing it.
  const [editing, setEditing] = useState<MeetingType | null | undefined>(undefined);
  const [sharing, setSharing] = useState<MeetingType | null>(null);
  const remove = useDeleteMeetingType();
  const hostNames = (m: MeetingType) =>
    m.hosts.map((h) => (users.data ?? []).find((u) => u.id === h.memberId)?.name ?? '…').join(', ');

  return (
    <Stack>
      <PageHeader
        title={t('meetingTypes.title')}
        actions={
          <Button onClick={() => setEditing(null)} disabled={!canChange}>
            {t('meetingTypes.create')}
          </Button>
        }
      />
      <Text c="dimmed" size="sm">
        {t('meetingTypes.intro')}
      </Text>
      <DataTable
        aria-label={t('meetingTypes.title')}
        highlightOnHover
        minWidth={720}
        loading={types.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('meetingTypes.empty')}
        columns={[
          t('meetingTypes.name'),
          t('meetingTypes.durationColumn'),
          t('meetingTypes.hostMode'),
          t('meetingTypes.hosts'),
        ]}
        actionsLabel={t('common.actions')}
        rows={types.data ?? []}
        renderRow={(m) => (
          <Table.Tr key={m.id}>
            <Table.Td>
              <Group gap="xs">
                <Anchor href={m.publicUrl} target="_blank" rel="noopener" fw={500}>
                  {m.name}
                </Anchor>
                {m.active ? null : <Badge color="gray">{t('meetingTypes.off')}</Badge>}
              </Group>
            </Table.Td>
            <Table.Td>{t('meetingTypes.minutes', { count: m.durationMin })}</Table.Td>
            <Table.Td>{t(`meetingTypes.mode.${m.hostMode}`)}</Table.Td>
            <Table.Td>{hostNames(m)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap" justify="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setSharing(m)}
                  aria-label={t('meetingTypes.shareName', { name: m.name })}
                >
                  {t('meetingTypes.share')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  disabled={!canChange}
                  onClick={() => setEditing(m)}
                  aria-label={t('meetingTypes.editName', { name: m.name })}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  ariaLabel={t('meetingTypes.deleteName', { name: m.name })}
                  title={t('meetingTypes.deleteTitle')}
                  message={t('meetingTypes.deleteConfirm', { name: m.name })}
                  disabled={!canChange}
                  onConfirm={() => remove.mutate(m.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing !== undefined ? (
        <MeetingTypeDialog
          type={editing}
          me={me.member.id}
          users={users.data ?? []}
          teams={teams.data ?? []}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      {sharing ? (
        <Modal opened onClose={() => setSharing(null)} title={sharing.name} size="lg">
          <Stack>
            <Text size="sm" fw={500}>
              {t('meetingTypes.link')}
            </Text>
            <CopyField
              value={sharing.publicUrl}
              testId="meeting-type-link"
              copyLabel={t('meetingTypes.copy')}
              copiedLabel={t('meetingTypes.copied')}
            />
            <Text size="sm" fw={500}>
              {t('meetingTypes.embed')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('meetingTypes.embedHint')}
            </Text>
            <CopyField
              value={embedSnippet(sharing.publicUrl)}
              testId="meeting-type-embed"
              copyLabel={t('meetingTypes.copy')}
              copiedLabel={t('meetingTypes.copied')}
            />
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}
