import type { Team } from '@voronka/contract';
import { Button, Group, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { TeamDialog } from './TeamDialog';
import { useActiveUsers, useDeleteTeam, useTeams } from './use-teams';

export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useActiveUsers(useCanRead('users'));
  const canCreate = useCanWrite('teams', 'create');
  const canUpdate = useCanWrite('teams', 'update');
  const canDelete = useCanWrite('teams', 'delete');
  // undefined: closed; null: creating; a team: editing it.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const remove = useDeleteTeam();
  const headName = (id: string | null) => (users.data ?? []).find((u) => u.id === id)?.name ?? '—';

  return (
    <Stack>
      <PageHeader
        title={t('teams.title')}
        actions={
          <Button onClick={() => setEditing(null)} disabled={!canCreate}>
            {t('teams.create')}
          </Button>
        }
      />
      <DataTable
        aria-label={t('teams.title')}
        highlightOnHover
        minWidth={640}
        loading={teams.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('teams.empty')}
        columns={[t('teams.name'), t('teams.head'), t('teams.members'), t('users.createdAt')]}
        actionsLabel={t('common.actions')}
        rows={teams.data ?? []}
        renderRow={(team) => (
          <Table.Tr key={team.id}>
            <Table.Td fw={500}>{team.name}</Table.Td>
            <Table.Td>{headName(team.headId)}</Table.Td>
            <Table.Td>{team.memberCount}</Table.Td>
            <Table.Td>{formatDate(team.createdAt)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap" justify="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  disabled={!canUpdate}
                  onClick={() => setEditing(team)}
                  aria-label={t('teams.editName', { name: team.name })}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  ariaLabel={t('teams.deleteName', { name: team.name })}
                  title={t('teams.deleteTitle')}
                  message={t('teams.deleteConfirm', { name: team.name })}
                  disabled={!canDelete}
                  onConfirm={() => remove.mutate(team.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing !== undefined ? (
        <TeamDialog team={editing} users={users.data ?? []} onClose={() => setEditing(undefined)} />
      ) : null}
    </Stack>
  );
}
