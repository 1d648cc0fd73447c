import type { Company } from '@voronka/contract';
import { Anchor, Badge, Button, Grid, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/error-message';
import { useCanWrite } from '../../app/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { FormAlert } from '../../ui/FormAlert';
import { Timeline } from '../timeline/Timeline';
import { ContactForm } from '../contacts/ContactForm';
import { formatPhone } from '../contacts/contact-format';
import { emptyContactFilters, useContacts } from '../contacts/use-contacts';
import { CompanyForm } from './CompanyForm';
import { useCompany, useDeleteCompany } from './use-companies';

const requisiteRows = ['inn', 'kpp', 'ogrn', 'legalAddress', 'postalAddress', 'bankName', 'bik', 'corrAccount', 'settlementAccount'] as const;

// A company's card: requisites, its contacts and its timeline.
export function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const company = useCompany(id);
  const remove = useDeleteCompany();
  const [editing, setEditing] = useState(false);
  const canUpdate = useCanWrite('companies', 'update');
  const canDelete = useCanWrite('companies', 'delete');
  if (company.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!company.data) return <FormAlert message={errorMessage(company.error)} />;
  const c = company.data;
  return (
    <Stack>
      <Anchor component={Link} to="/companies" size="sm">
        ← {t('companies.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {c.legalForm && !c.name.startsWith(c.legalForm) ? `${c.legalForm} ${c.name}` : c.name}
          </Title>
          <Group gap={6} mt={4}>
            {c.industry ? <Text c="dimmed" size="sm">{c.industry}</Text> : null}
            {c.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light">
                {tag}
              </Badge>
            ))}
          </Group>
        </div>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setEditing(true)} disabled={!canUpdate}>
            {t('common.edit')}
          </Button>
          <ConfirmButton
            label={t('common.delete')}
            title={t('companies.deleteTitle')}
            message={t('companies.deleteMessage', { name: c.name })}
            confirmLabel={t('common.delete')}
            cancelLabel={t('common.cancel')}
            disabled={!canDelete}
            onConfirm={() => remove.mutate(c.id, { onSuccess: () => navigate('/companies') })}
          />
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Requisites company={c} />
            <CompanyContacts companyId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('companies.history')}
            </Title>
            <Timeline subject={{ companyId: c.id }} canLog={canUpdate} />
          </Paper>
        </Grid.Col>
      </Grid>
      {editing ? <CompanyForm company={c} onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}

function Requisites({ company }: { company: Company }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('companies.requisites')}
      </Title>
      <SimpleGrid cols={1} spacing={6}>
        {requisiteRows.map((f) => (
          <Group key={f} justify="space-between" wrap="nowrap" gap="md" align="flex-start">
            <Text size="sm" c="dimmed">
              {t(`companies.fields.${f}`)}
            </Text>
            <Text size="sm" ta="right" style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}>
              {company[f] ?? '—'}
            </Text>
          </Group>
        ))}
        {company.website ? (
          <Anchor href={company.website} target="_blank" rel="noopener noreferrer" size="sm">
            {company.website}
          </Anchor>
        ) : null}
      </SimpleGrid>
    </Paper>
  );
}

function CompanyContacts({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const contacts = useContacts({ ...emptyContactFilters, companyId, sort: 'name', order: 'asc' });
  const canCreate = useCanWrite('contacts', 'create');
  const [adding, setAdding] = useState(false);
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('companies.contacts')}
        </Title>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} disabled={!canCreate}>
          {t('contacts.create')}
        </Button>
      </Group>
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
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{c.phones[0] ? formatPhone(c.phones[0].number) : (c.emails[0]?.address ?? '')}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding ? <ContactForm contact={null} companyId={companyId} onClose={() => setAdding(false)} /> : null}
    </Paper>
  );
}
