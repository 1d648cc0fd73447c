import type { ConsentRecord, Contact } from '@voronka/contract';
import { Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { CallButton } from '../calls';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatDateTime } from '../../lib/format';
import { RecordDeals } from '../deals/RecordDeals';
import { ConsentSection } from '../privacy';
import { useCanWrite } from '../../lib/use-can-write';
import { useMe } from '../../lib/session';
import { FormAlert } from '../../ui/FormAlert';
import {
  CardSection,
  CustomFieldsSection,
  DetailLine,
  RecordActions,
  RecordCardLayout,
} from '../records/RecordCard';
import { TagBadges } from '../records/record-bits';
import { ContactForm } from './ContactForm';
import { formatPhone } from './contact-format';
import { useContact, useDeleteContact } from './use-contacts';

// A contact's card: how to reach them, their company, custom fields, tasks and timeline.
export function ContactPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const contact = useContact(id);
  const remove = useDeleteContact();
  const [editing, setEditing] = useState(false);
  const canUpdate = useCanWrite('contacts', 'update');
  // The consent log is the privacy tools' (owner, admin, whoever is responsible for personal data).
  const canSeeConsents = useMe().permissions.privacy?.read === true;
  if (contact.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!contact.data) return <FormAlert message={errorMessage(contact.error)} />;
  const c = contact.data;
  return (
    <>
      <RecordCardLayout
        back={{ to: '/contacts', label: t('contacts.title') }}
        title={c.fullName}
        meta={
          <Text c="dimmed" size="sm">
            {[c.position, c.companyName].filter(Boolean).join(' · ')}
          </Text>
        }
        actions={
          <RecordActions
            entity="contacts"
            onEdit={() => setEditing(true)}
            deleteTitle={t('contacts.deleteTitle')}
            deleteMessage={t('contacts.deleteMessage', { name: c.fullName })}
            onDelete={() => remove.mutate(c.id, { onSuccess: () => navigate('/contacts') })}
          />
        }
        aside={
          <>
            <Details contact={c} />
            <RecordDeals subject={{ contactId: c.id }} />
            <CustomFieldsSection entity="contacts" values={c.custom} />
            {canSeeConsents ? <ConsentSection contactId={c.id} /> : null}
          </>
        }
        subject={{ contactId: c.id }}
        canLog={canUpdate}
      />
      {editing ? <ContactForm contact={c} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

// How the consent was given, as the client's request recorded it: the form, the text version, when
// and from which address, and the text itself (folded).
function ConsentRecordLines({ record: r }: { record: ConsentRecord }) {
  const { t } = useTranslation();
  const parts = [
    r.formName ? t('contacts.consentVia', { form: r.formName }) : null,
    t('contacts.consentVersion', { version: r.version }),
    formatDateTime(r.at),
    r.ip ? t('contacts.consentIp', { ip: r.ip }) : null,
  ].filter((p): p is string => Boolean(p));
  return (
    <Stack
      gap={2}
      data-testid="consent-record"
      style={{ fontSize: 'var(--mantine-font-size-xs)', textAlign: 'right' }}
    >
      <Text size="xs" c="dimmed">
        {parts.map((p, i) => (
          <span key={p}>
            {i ? ' · ' : ''}
            <span style={{ whiteSpace: 'nowrap' }}>{p}</span>
          </span>
        ))}
      </Text>
      <details>
        <summary style={{ cursor: 'pointer', color: 'var(--mantine-color-anchor)' }}>
          {t('contacts.consentText')}
        </summary>
        <Text size="xs" c="dimmed" ta="left">
          {r.text}
        </Text>
      </details>
      {r.leadId ? (
        <Anchor component={Link} to={`/leads?lead=${r.leadId}`} size="xs">
          {t('timeline.openRequest')}
        </Anchor>
      ) : null}
    </Stack>
  );
}

function Details({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <CardSection title={t('records.reach')}>
      <Stack gap={6}>
        {c.phones.map((p) => (
          <DetailLine key={p.number} label={p.label ?? t('contacts.fields.phone')}>
            <Group gap={6} wrap="nowrap">
              <Anchor href={`tel:${p.number}`} size="sm">
                {formatPhone(p.number)}
              </Anchor>
              <CallButton phone={p.number} contactId={c.id} companyId={c.companyId} />
            </Group>
          </DetailLine>
        ))}
        {c.emails.map((e) => (
          <DetailLine key={e.address} label={e.label ?? t('contacts.fields.email')}>
            <Anchor href={`mailto:${e.address}`} size="sm">
              {e.address}
            </Anchor>
          </DetailLine>
        ))}
        {c.messengers.telegram ? (
          <DetailLine label="Telegram">
            <Anchor
              href={`https://t.me/${encodeURIComponent(c.messengers.telegram)}`}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
            >
              @{c.messengers.telegram}
            </Anchor>
          </DetailLine>
        ) : null}
        {c.messengers.vk ? (
          <DetailLine label={t('contacts.fields.vk')}>{c.messengers.vk}</DetailLine>
        ) : null}
        {c.messengers.whatsapp ? (
          <DetailLine label="WhatsApp">{c.messengers.whatsapp}</DetailLine>
        ) : null}
        {c.companyId ? (
          <DetailLine label={t('contacts.fields.company')}>
            <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm">
              {c.companyName}
            </Anchor>
          </DetailLine>
        ) : null}
        {c.birthday ? (
          <DetailLine label={t('contacts.fields.birthday')}>{formatDate(c.birthday)}</DetailLine>
        ) : null}
        <DetailLine label={t('contacts.fields.consent')}>
          <Badge
            variant="light"
            color={c.consent === 'given' ? 'green' : c.consent === 'withdrawn' ? 'red' : 'gray'}
          >
            {t(`contacts.consents.${c.consent}`)}
          </Badge>
        </DetailLine>
        {c.consentRecord ? <ConsentRecordLines record={c.consentRecord} /> : null}
        {c.tags.length ? <TagBadges tags={c.tags} size="sm" /> : null}
      </Stack>
    </CardSection>
  );
}
