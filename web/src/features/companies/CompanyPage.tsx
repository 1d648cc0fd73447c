import type { Company } from '@voronka/contract';
import { Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { ContactForm } from '../contacts/ContactForm';
import { formatPhone } from '../contacts/contact-format';
import { emptyContactFilters, useContacts } from '../contacts/use-contacts';
import { RecordDeals } from '../deals/RecordDeals';
import { CompanyReceivables } from '../receivables';
import { DunningSection } from '../dunning';
import {
  CardSection,
  CustomFieldsSection,
  DetailLine,
  RecordActions,
  RecordCardLayout,
} from '../records/RecordCard';
import { TagBadges } from '../records/record-bits';
import { CompanyForm } from './CompanyForm';
import { useCompany, useDeleteCompany } from './use-companies';

const requisiteRows = [
  'inn',
  'kpp',
  'ogrn',
  'legalAddress',
  'postalAddress',
  'bankName',
  'bik',
  'corrAccount',
  'settlementAccount',
] as const;

// A company's card: requisites, custom fields, its contacts and tasks, and its timeline.
export function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const company = useCompany(id);
  const remove = useDeleteCompany();
  const [editing, setEditing] = useState(false);
  const canUpdate = useCanWrite('companies', 'update');
  const seesMoney = useCanRead('finance');
  if (company.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!company.data) return <FormAlert message={errorMessage(company.error)} />;
  const c = company.data;
  return (
    <>
      <RecordCardLayout
        back={{ to: '/companies', label: t('companies.title') }}
        title={c.legalForm && !c.name.startsWith(c.legalForm) ? `${c.legalForm} ${c.name}` : c.name}
        meta={
          <Group gap={6} mt={4}>
            {c.industry ? (
              <Text c="dimmed" size="sm">
                {c.industry}
              </Text>
            ) : null}
            <TagBadges tags={c.tags} size="sm" />
          </Group>
        }
        actions={
          <RecordActions
            entity="companies"
            onEdit={() => setEditing(true)}
            deleteTitle={t('companies.deleteTitle')}
            deleteMessage={t('companies.deleteMessage', { name: c.name })}
            onDelete={() => remove.mutate(c.id, { onSuccess: () => navigate('/companies') })}
          />
        }
        aside={
          <>
            <Requisites company={c} />
            <CustomFieldsSection entity="companies" values={c.custom} />
            <CompanyContacts companyId={c.id} />
            <RecordDeals subject={{ companyId: c.id }} />
            {seesMoney ? (
              <CardSection title={t('receivables.card.title')}>
                <CompanyReceivables companyId={c.id} />
              </CardSection>
            ) : null}
            {seesMoney ? <DunningSection companyId={c.id} /> : null}
          </>
        }
        subject={{ companyId: c.id }}
        canLog={canUpdate}
      />
      {editing ? <CompanyForm company={c} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function Requisites({ company }: { company: Company }) {
  const { t } = useTranslation();
  return (
    <CardSection title={t('companies.requisites')}>
      <Stack gap={6}>
        {requisiteRows.map((f) => (
          <DetailLine key={f} label={t(`companies.fields.${f}`)}>
            {company[f] ?? '—'}
          </DetailLine>
        ))}
        {company.website && /^https?:\/\//i.test(company.website) ? (
          <Anchor href={company.website} target="_blank" rel="noopener noreferrer" size="sm">
            {company.website}
          </Anchor>
        ) : null}
      </Stack>
    </CardSection>
  );
}

function CompanyContacts({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const contacts = useContacts({ ...emptyContactFilters, companyId, sort: 'name', order: 'asc' });
  const canCreate = useCanWrite('contacts', 'create');
  const [adding, setAdding] = useState(false);
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <CardSection
      title={t('companies.contacts')}
      action={
        <Button size="xs" variant="light" onClick={() => setAdding(true)} disabled={!canCreate}>
          {t('contacts.create')}
        </Button>
      }
    >
      {items.length === 0 && !contacts.isPending ? (
        <Text c="dimmed" size="sm">
          {t('companies.noContacts')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${c.id}`} size="sm">
                    {c.fullName}
                  </Anchor>
                  {c.position ? (
                    <Text size="xs" c="dimmed">
                      {c.position}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {c.phones[0] ? formatPhone(c.phones[0].number) : (c.emails[0]?.address ?? '')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding ? (
        <ContactForm contact={null} companyId={companyId} onClose={() => setAdding(false)} />
      ) : null}
    </CardSection>
  );
}
