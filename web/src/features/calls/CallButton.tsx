import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCallback } from './use-calls';

type Props = {
  phone: string;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
  leadId?: string | null;
  callListItemId?: string;
  size?: 'sm' | 'md' | 'lg';
};

// The call button beside a phone number: the PBX rings the manager's phone, then the client's.
export function CallButton({ phone, size = 'sm', ...links }: Props) {
  const { t } = useTranslation();
  const call = useCallback();
  const body = {
    phone,
    ...Object.fromEntries(Object.entries(links).filter(([, v]) => v)),
  };
  return (
    <Tooltip label={t('calls.callTooltip', { phone })}>
      <ActionIcon
        variant="light"
        color="green"
        size={size}
        aria-label={t('calls.callTooltip', { phone })}
        loading={call.isPending}
        onClick={() =>
          call.mutate(body, {
            onSuccess: () =>
              notifications.show({ color: 'green', message: t('calls.ringing', { phone }) }),
            onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
          })
        }
      >
        <span aria-hidden>☎</span>
      </ActionIcon>
    </Tooltip>
  );
}

// A deal's contact: the call button for their first phone (the call is linked to the deal).
export function ContactCallButton({ contactId, dealId }: { contactId: string; dealId?: string }) {
  const contact = useQuery({
    queryKey: ['contacts', 'one', contactId],
    queryFn: () => api.get('/contacts/:id', { params: { id: contactId } }),
    retry: false,
  });
  const phone = contact.data?.phones[0]?.number;
  return phone ? <CallButton phone={phone} contactId={contactId} dealId={dealId ?? null} /> : null;
}
