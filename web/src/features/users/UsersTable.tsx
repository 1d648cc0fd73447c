import { type RoleKey, roleKeys, type Team, type User } from '@voronka/contract';
import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { DataTable } from '../../ui/DataTable';
import { LoadMore } from '../../ui/LoadMore';
import { type UserFilters, useSetUserActive, useUpdateUser, useUserPages } from './use-users';

export function UsersTable({ filters, teams }: { filters: UserFilters; teams: Team[] }) {
  const { t } = useTranslation();
  const pages = useUserPages(filters);
  const users = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <DataTable
        aria-label={t('users.title')}
        highlightOnHover
        verticalSpacing="xs"
        minWidth={820}
        loading={pages.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('users.empty')}
        columns={[
          t('users.name'),
          t('users.role'),
          t('users.team'),
          t('users.status'),
          t('users.twoFactor'),
          t('users.createdAt'),
        ]}
        actionsLabel={t('common.actions')}
        rows={users}
        renderRow={(u) => <UserRow key={u.id} user={u} teams={teams} />}
      />
      <LoadMore
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
        label={t('common.loadMore')}
      />
    </div>
  );
}

function UserRow({ user, teams }: { user: User; teams: Team[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const canUpdate = useCanWrite('users', 'update');
  // The server guards deactivation as a delete and reactivation as an update.
  const canDeactivate = useCanWrite('users', 'delete');
  const update = useUpdateUser();
  const setActive = useSetUserActive();
  const isSelf = user.id === me.member.id;
  // Only an owner may hand out or take away ownership; the server enforces it too.
  const canEditRole = canUpdate && !isSelf && (user.role !== 'owner' || me.member.role === 'owner');
  const roleOptions = roleKeys
    .filter((r) => r !== 'owner' || me.member.role === 'owner')
    .map((r) => ({ value: r, label: t(`roles.names.${r}`) }));
  const teamOptions = [
    { value: '', label: t('users.noTeam') },
    ...teams.map((tm) => ({ value: tm.id, label: tm.name })),
  ];

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('users.roleOf', { name: user.name })}
          size="xs"
          w={150}
          data={roleOptions}
          value={user.role}
          disabled={!canEditRole || update.isPending}
          allowDeselect={false}
          onChange={(v) =>
            v && v !== user.role && update.mutate({ id: user.id, body: { role: v as RoleKey } })
          }
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('users.teamOf', { name: user.name })}
          size="xs"
          w={170}
          data={teamOptions}
          value={user.teamId ?? ''}
          disabled={!canUpdate || update.isPending}
          allowDeselect={false}
          onChange={(v) =>
            (v ?? '') !== (user.teamId ?? '') &&
            update.mutate({ id: user.id, body: { teamId: v || null } })
          }
        />
      </Table.Td>
      <Table.Td>
        <Badge color={user.status === 'active' ? 'teal' : 'gray'} variant="light">
          {t(`users.statuses.${user.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t(user.twoFactorEnabled ? 'security.on' : 'security.off')}</Table.Td>
      <Table.Td>{formatDate(user.createdAt)}</Table.Td>
      <Table.Td>
        {isSelf ? null : (
          <Button
            size="xs"
            variant="light"
            color={user.status === 'active' ? 'red' : 'teal'}
            disabled={user.status === 'active' ? !canDeactivate : !canUpdate}
            loading={setActive.isPending}
            aria-label={t(
              user.status === 'active' ? 'users.deactivateName' : 'users.reactivateName',
              {
                name: user.name,
              },
            )}
            onClick={() => setActive.mutate({ id: user.id, active: user.status !== 'active' })}
          >
            {t(user.status === 'active' ? 'users.deactivate' : 'users.reactivate')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
