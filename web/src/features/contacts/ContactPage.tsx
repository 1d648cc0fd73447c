import type { Contact } from '@voronka/contract';
import { Anchor, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/error-message';
import { formatDate } from '../../app/format';
import { useCanWrite } from '../../app/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { FormAlert } from '../../ui/FormAlert';
import { Timeline } from '../timeline/Timeline';
import { ContactForm } from './ContactForm';
import { formatPhone } from './contact-format';
import { useContact, useDeleteContact } from './use-contacts';

// A contact's card: how to reach them, their company, and their timeline.
export function ContactPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const contact = useContact(id);
  const remove = useDeleteContact();
  const [editing, setEditing] = useState(false);
  const canUpdate = useCanWrite('contacts', 'update');
  const canDelete = useCanWrite('contacts', 'delete');
  if (contact.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!contact.data) return <FormAlert message={errorMessage(contact.error)} />;
  const c = contact.data;
  return (
    <Stack>
      <Anchor component={Link} to="/contacts" size="sm">
        ← {t('contacts.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {c.fullName}
          </Title>
          <Text c="dimmed" size="sm">
            {[c.position, c.companyName].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setEditing(true)} disabled={!canUpdate}>
            {t('common.edit')}
          </Button>
          <ConfirmButton
            label={t('common.delete')}
            title={t('contacts.deleteTitle')}
            message={t('contacts.deleteMessage', { name: c.fullName })}
            confirmLabel={t('common.delete')}
            cancelLabel={t('common.cancel')}
            disabled={!canDelete}
            onConfirm={() => remove.mutate(c.id, { onSuccess: () => navigate('/contacts') })}
          />
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Details contact={c} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('companies.history')}
            </Title>
            <Timeline subject={{ contactId: c.id }} canLog={canUpdate} />
          </Paper>
        </Grid.Col>
      </Grid>
      {editing ? <ContactForm contact={c} onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div style={{ textAlign: 'right', overflowWrap: 'anywhere' }}>{children}</div>
    </Group>
  );
}

function Details({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap={6}>
        {c.phones.map((p) => (
          <Line key={p.number} label={p.label ?? t('contacts.fields.phone')}>
            <Anchor href={`tel:${p.number}`} size="sm">
              {formatPhone(p.number)}
            </Anchor>
          </Line>
        ))}
        {c.emails.map((e) => (
          <Line key={e.address} label={e.label ?? t('contacts.fields.email')}>
            <Anchor href={`mailto:${e.address}`} size="sm">
              {e.address}
            </Anchor>
          </Line>
        ))}
        {c.messengers.telegram ? (
          <Line label="Telegram">
            <Anchor href={`https://t.me/${encodeURIComponent(c.messengers.telegram)}`} target="_blank" rel="noopener noreferrer" size="sm">
              @{c.messengers.telegram}
            </Anchor>
          </Line>
        ) : null}
        {c.messengers.vk ? <Line label={t('contacts.fields.vk')}><Text size="sm">{c.messengers.vk}</Text></Line> : null}
        {c.messengers.whatsapp ? <Line label="WhatsApp"><Text size="sm">{c.messengers.whatsapp}</Text></Line> : null}
        {c.companyId ? (
          <Line label={t('contacts.fields.company')}>
            <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm">
              {c.companyName}
            </Anchor>
          </Line>
        ) : null}
        {c.birthday ? <Line label={t('contacts.fields.birthday')}><Text size="sm">{formatDate(c.birthday)}</Text></Line> : null}
        <Line label={t('contacts.fields.consent')}>
          <Badge variant="light" color={c.consent === 'given' ? 'green' : c.consent === 'withdrawn' ? 'red' : 'gray'}>
            {t(`contacts.consents.${c.consent}`)}
          </Badge>
        </Line>
        {c.tags.length ? (
          <Group gap={4}>
            {c.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light">
                {tag}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
