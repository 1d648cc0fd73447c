import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { PageHeader } from '../../ui/PageHeader';
import { useTeams } from '../teams';
import { InvitationsList } from './InvitationsList';
import { InviteDialog } from './InviteDialog';
import type { UserFilters } from './use-users';
import { UsersTable } from './UsersTable';

export function UsersPage() {
  const { t } = useTranslation();
  const canInvite = useCanWrite('users', 'create');
  const canReadTeams = useCanRead('teams');
  const teams = useTeams(canReadTeams);
  const [inviteOpened, invite] = useDisclosure(false);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<UserFilters['status']>('active');
  const [teamId, setTeamId] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const teamOptions = (teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }));

  return (
    <Stack>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button onClick={invite.open} disabled={!canInvite}>
            {t('users.invite')}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end">
        <TextInput
          label={t('users.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label={t('users.status')}
          value={status}
          onChange={(v) => setStatus((v ?? '') as UserFilters['status'])}
          data={[
            { value: '', label: t('users.statusAll') },
            { value: 'active', label: t('users.statuses.active') },
            { value: 'deactivated', label: t('users.statuses.deactivated') },
          ]}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
        />
        {canReadTeams ? (
          <Select
            label={t('users.team')}
            value={teamId}
            onChange={(v) => setTeamId(v ?? '')}
            data={[{ value: '', label: t('users.teamAll') }, ...teamOptions]}
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
          />
        ) : null}
      </Group>
      <UsersTable filters={{ q: debouncedQ, status, teamId }} teams={teams.data ?? []} />
      <InvitationsList teams={teams.data ?? []} />
      <InviteDialog opened={inviteOpened} onClose={invite.close} teams={teams.data ?? []} />
    </Stack>
  );
}
