import type { Conversation } from '@voronka/contract';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CallButton } from '../calls';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { useContact, useCreateContact } from '../contacts/use-contacts';
import { splitName } from '../leads/lead-format';
import { useUpdateConversation } from './use-inbox';

// Who is writing: the matched contact and company (and, once the request is converted, the deal), or the sender as received with a way to make
// them a contact (then linked to this conversation).
export function ClientCard({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const contact = useContact(c.contact?.id ?? null);
  const create = useCreateContact();
  const link = useUpdateConversation(c.id);
  const canCreateContact = useCanWrite('contacts', 'create');
  const canLink = useCanWrite('leads', 'update');
  const canCreate = canCreateContact && canLink;
  const sender = [...c.messages].reverse().find((m) => m.direction === 'in')?.sender ?? {};
  const makeContact = () => {
    const name = splitName(sender.name ?? c.clientName);
    const handle = sender.handle ? { [sender.handle.kind]: sender.handle.id } : undefined;
    create.mutate(
      {
        firstName:
          name.firstName ||
          (name.lastName ? null : (sender.phone ?? sender.email ?? t('inbox.unknownClient'))),
        lastName: name.lastName || null,
        phones: sender.phone ? [{ number: sender.phone }] : [],
        emails: sender.email ? [{ address: sender.email }] : [],
        ...(handle ? { messengers: handle } : {}),
      },
      { onSuccess: (saved) => link.mutate({ contactId: saved.id }) },
    );
  };

  return (
    <Paper withBorder p="md">
      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('inbox.client')}
        </Title>
        {c.contact ? (
          <>
            <Anchor component={Link} to={`/contacts/${c.contact.id}`} fw={600}>
              {c.contact.name}
            </Anchor>
            {c.company ? (
              <Text size="sm">
                {t('inbox.company')}:{' '}
                <Anchor component={Link} to={`/companies/${c.company.id}`} size="sm">
                  {c.company.name}
                </Anchor>
              </Text>
            ) : null}
            {c.deal ? (
              <Text size="sm">
                {t('inbox.deal')}:{' '}
                <Anchor component={Link} to={`/deals/${c.deal.id}`} size="sm">
                  {c.deal.name}
                </Anchor>
              </Text>
            ) : null}
            {(contact.data?.phones ?? []).map((p) => (
              <Group key={p.number} gap={6}>
                <Text size="sm">{p.number}</Text>
                <CallButton
                  phone={p.number}
                  contactId={c.contact?.id ?? null}
                  leadId={c.lead?.id ?? null}
                  dealId={c.deal?.id ?? null}
                />
              </Group>
            ))}
            {(contact.data?.emails ?? []).map((e) => (
              <Text key={e.address} size="sm">
                {e.address}
              </Text>
            ))}
          </>
        ) : (
          <>
            <Text fw={600}>{sender.name ?? c.clientName ?? t('inbox.unknownClient')}</Text>
            {sender.phone ? (
              <Group gap={6}>
                <Text size="sm">{sender.phone}</Text>
                <CallButton phone={sender.phone} leadId={c.lead?.id ?? null} />
              </Group>
            ) : null}
            {sender.email ? <Text size="sm">{sender.email}</Text> : null}
            {sender.handle ? (
              <Text size="sm">{`${t(`inbox.kinds.${sender.handle.kind}`)}: ${sender.handle.id}`}</Text>
            ) : null}
            {!sender.phone && !sender.email && !sender.handle && c.clientAddress ? (
              <Text size="sm">{c.clientAddress}</Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('inbox.notMatched')}
            </Text>
            <FormAlert
              message={
                create.error
                  ? errorMessage(create.error)
                  : link.error
                    ? errorMessage(link.error)
                    : null
              }
            />
            <Button
              size="xs"
              variant="light"
              onClick={makeContact}
              loading={create.isPending || link.isPending}
              disabled={!canCreate}
            >
              {t('inbox.createContact')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
