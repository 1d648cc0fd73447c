import type { Team } from '@voronka/contract';
import { Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useMe } from '../../app/session';
import { useCanWrite } from '../../app/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { useInvitations, useRevokeInvitation } from './use-users';

export function InvitationsList({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  // Listing and revoking invitations both need the right to invite.
  const canRevoke = useCanWrite('users', 'create');
  const canSee = useMe().permissions.users.create;
  const invitations = useInvitations(canSee);
  const revoke = useRevokeInvitation();
  const teamName = (id: string | null) => teams.find((tm) => tm.id === id)?.name ?? '—';
  const items = invitations.data ?? [];
  if (!canSee) return null;
  return (
    <section aria-labelledby="pending-invitations">
      <Title order={2} size="h4" mt="lg" mb="sm" id="pending-invitations">
        {t('users.pendingInvitations')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('users.noInvitations')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="pending-invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.team')}</Table.Th>
                <Table.Th>{t('users.expiresAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((inv) => (
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
                      cancelLabel={t('common.cancel')}
                      disabled={!canRevoke}
                      onConfirm={() => revoke.mutate(inv.id)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
