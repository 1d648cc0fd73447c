import type { Team } from '@voronka/contract';
import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { useInvitations, useRevokeInvitation } from './use-users';

export function InvitationsList({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  // Listing and revoking invitations both need the right to invite.
  const canRevoke = useCanWrite('users', 'create');
  const canSee = useMe().permissions.users.create;
  const invitations = useInvitations(canSee);
  const revoke = useRevokeInvitation();
  const teamName = (id: string | null) => teams.find((tm) => tm.id === id)?.name ?? '—';
  if (!canSee) return null;
  return (
    <section aria-labelledby="pending-invitations">
      <Title order={2} size="h4" mt="lg" mb="sm" id="pending-invitations">
        {t('users.pendingInvitations')}
      </Title>
      <DataTable
        aria-labelledby="pending-invitations"
        minWidth={640}
        loading={invitations.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('users.noInvitations')}
        columns={[t('auth.email'), t('users.role'), t('users.team'), t('users.expiresAt')]}
        actionsLabel={t('common.actions')}
        rows={invitations.data ?? []}
        renderRow={(inv) => (
          <Table.Tr key={inv.id}>
            <Table.Td>{inv.email}</Table.Td>
            <Table.Td>{t(`roles.names.${inv.role}`)}</Table.Td>
            <Table.Td>{teamName(inv.teamId)}</Table.Td>
            <Table.Td>{formatDateTime(inv.expiresAt)}</Table.Td>
            <Table.Td>
              <ConfirmButton
                label={t('users.revoke')}
                ariaLabel={t('users.revokeFor', { email: inv.email })}
                title={t('users.revokeTitle')}
                message={t('users.revokeConfirm', { email: inv.email })}
                confirmLabel={t('users.revoke')}
                disabled={!canRevoke}
                onConfirm={() => revoke.mutate(inv.id)}
              />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </section>
  );
}
