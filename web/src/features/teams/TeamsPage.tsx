import type { Team } from '@voronka/contract';
import { Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDate } from '../../app/format';
import { useCanRead } from '../../app/session';
import { useCanWrite } from '../../app/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PageHeader } from '../../ui/PageHeader';
import { TeamDialog } from './TeamDialog';
import { teamsKey, useActiveUsers, useTeams } from './use-teams';

export function TeamsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const teams = useTeams();
  const users = useActiveUsers(useCanRead('users'));
  const canCreate = useCanWrite('teams', 'create');
  const canUpdate = useCanWrite('teams', 'update');
  const canDelete = useCanWrite('teams', 'delete');
  // undefined: closed; null: creating; a team: editing it.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/teams/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: teamsKey }),
  });
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
      {teams.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {teams.data && teams.data.length === 0 ? <Text c="dimmed">{t('teams.empty')}</Text> : null}
      {teams.data && teams.data.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t('teams.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('teams.name')}</Table.Th>
                <Table.Th>{t('teams.head')}</Table.Th>
                <Table.Th>{t('teams.members')}</Table.Th>
                <Table.Th>{t('users.createdAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
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
                        label={t('common.delete')}
                        ariaLabel={t('teams.deleteName', { name: team.name })}
                        title={t('teams.deleteTitle')}
                        message={t('teams.deleteConfirm', { name: team.name })}
                        confirmLabel={t('common.delete')}
                        cancelLabel={t('common.cancel')}
                        disabled={!canDelete}
                        onConfirm={() => remove.mutate(team.id)}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {editing !== undefined ? (
        <TeamDialog team={editing} users={users.data ?? []} onClose={() => setEditing(undefined)} />
      ) : null}
    </Stack>
  );
}
