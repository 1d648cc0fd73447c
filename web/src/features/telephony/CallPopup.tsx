import { Affix, Button, Card, CloseButton, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanRead } from '../../lib/session';
import { onServerEvent } from '../inbox/server-events';
import { useCreateLead } from '../leads/use-leads';
import { useCallContact, useCallConversation } from './use-call';

// The incoming-call pop-up, mounted once in the app shell: a `call.ringing` event on the member's
// own stream (the server sends it only to the members the call is routed to) shows the caller —
// the contact's name and company, or the number — with "Open card" and "Create request". It
// closes when the call ends (`call.ended`), when dismissed, or after two minutes.

export type RingingCall = {
  conversationId: string;
  contactId: string | null;
  leadId: string | null;
  at: number;
};

const LIFETIME_MS = 120_000;
const MAX_SHOWN = 3;

export function CallPopup() {
  const [calls, setCalls] = useState<RingingCall[]>([]);

  useEffect(
    () =>
      onServerEvent((type, data) => {
        const conversationId = typeof data.conversationId === 'string' ? data.conversationId : null;
        if (!conversationId) return;
        if (type === 'call.ringing') {
          const call: RingingCall = {
            conversationId,
            contactId: typeof data.contactId === 'string' ? data.contactId : null,
            leadId: typeof data.leadId === 'string' ? data.leadId : null,
            at: Date.now(),
          };
          setCalls((list) =>
            [call, ...list.filter((c) => c.conversationId !== conversationId)].slice(0, MAX_SHOWN),
          );
        }
        if (type === 'call.ended')
          setCalls((list) => list.filter((c) => c.conversationId !== conversationId));
      }),
    [],
  );

  useEffect(() => {
    if (!calls.length) return;
    const timer = setInterval(
      () => setCalls((list) => list.filter((c) => Date.now() - c.at < LIFETIME_MS)),
      5_000,
    );
    return () => clearInterval(timer);
  }, [calls.length]);

  if (!calls.length) return null;
  const dismiss = (id: string) => setCalls((list) => list.filter((c) => c.conversationId !== id));
  return (
    <Affix position={{ bottom: 16, right: 16 }} zIndex={400}>
      <Stack gap="xs" w={360} maw="calc(100vw - 32px)">
        {calls.map((c) => (
          <CallCard key={c.conversationId} call={c} onClose={() => dismiss(c.conversationId)} />
        ))}
      </Stack>
    </Affix>
  );
}

function CallCard({ call, onClose }: { call: RingingCall; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canReadContacts = useCanRead('contacts');
  const contact = useCallContact(call.contactId ?? null, canReadContacts);
  const conversation = useCallConversation(call.conversationId);
  const createLead = useCreateLead();
  const number = conversation.data?.clientAddress ?? null;
  const name = contact.data?.fullName ?? conversation.data?.contact?.name ?? null;
  const company = contact.data?.companyName ?? conversation.data?.company?.name ?? null;
  const leadId = call.leadId ?? conversation.data?.lead?.id ?? null;

  const go = (to: string) => {
    onClose();
    void navigate(to);
  };
  const create = () =>
    createLead.mutate(
      {
        channel: 'phone',
        contactPhone: number?.slice(0, 40) ?? null,
        contactName: name?.slice(0, 200) ?? null,
        companyName: company?.slice(0, 300) ?? null,
        title: t('calls.requestTitle'),
      },
      { onSuccess: (lead) => go(`/leads?lead=${lead.id}`) },
    );

  return (
    <Card
      withBorder
      shadow="lg"
      radius="md"
      padding="sm"
      role="alertdialog"
      aria-label={t('calls.incoming')}
      data-testid="call-popup"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Group wrap="nowrap" gap="sm" miw={0}>
          <ThemeIcon color="grape" radius="xl" size="lg" aria-hidden>
            <PhoneIcon />
          </ThemeIcon>
          <Stack gap={0} miw={0}>
            <Text size="xs" c="dimmed">
              {t('calls.incoming')}
            </Text>
            <Text fw={600} truncate="end">
              {name ?? number ?? t('calls.unknownCaller')}
            </Text>
            {company && (
              <Text size="sm" truncate="end">
                {company}
              </Text>
            )}
            {name && number && (
              <Text size="sm" c="dimmed">
                {number}
              </Text>
            )}
          </Stack>
        </Group>
        <CloseButton onClick={onClose} aria-label={t('calls.dismiss')} />
      </Group>
      {createLead.error && (
        <Text size="sm" c="red" mt="xs">
          {errorMessage(createLead.error)}
        </Text>
      )}
      <Group gap="xs" mt="sm" grow>
        {call.contactId && (
          <Button
            size="xs"
            px="xs"
            variant="light"
            onClick={() => go(`/contacts/${call.contactId}`)}
          >
            {t('calls.openCard')}
          </Button>
        )}
        {leadId ? (
          <Button size="xs" px="xs" variant="default" onClick={() => go(`/leads?lead=${leadId}`)}>
            {t('calls.openRequest')}
          </Button>
        ) : (
          <Button
            size="xs"
            px="xs"
            variant="default"
            loading={createLead.isPending}
            onClick={create}
          >
            {t('calls.createRequest')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function PhoneIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden>
      <path d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.2 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1 11.4 11.4 0 0 0 .6 3.6 1 1 0 0 1-.3 1l-2.2 2.2Z" />
    </svg>
  );
}
