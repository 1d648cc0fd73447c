import {
  documentStatuses,
  documentTypes,
  type DocumentStatus,
  type DocumentType,
} from '@voronka/contract';
import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { ExportPanel } from './ExportPanel';
import { useDocuments, useLegalEntities, type DocumentFilters } from './use-documents';

const empty: DocumentFilters = { type: '', status: '', legalEntityId: '', from: '', to: '' };

// Every document with filters (type, status, our entity, period); the selected ones, or all the
// filters match, are exported as one ZIP of PDFs by a server job with a progress bar.
export function DocumentsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<DocumentFilters>(empty);
  const docs = useDocuments(filters);
  const entities = useLegalEntities();
  const [selected, setSelected] = useState<string[]>([]);
  const set = (patch: Partial<DocumentFilters>) => {
    setSelected([]);
    setFilters((f) => ({ ...f, ...patch }));
  };
  const items = docs.data?.items ?? [];
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const allChosen = items.length > 0 && selected.length === items.length;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('documents.nav')}
        </Title>
        <Anchor component={Link} to="/settings/document-templates">
          {t('documentTemplates.nav')}
        </Anchor>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('documents.type')}
          data={documentTypes.map((v) => ({ value: v, label: t(`documents.types.${v}`) }))}
          value={filters.type || null}
          onChange={(v) => set({ type: (v ?? '') as DocumentType | '' })}
          clearable
        />
        <Select
          label={t('documents.status')}
          data={documentStatuses.map((v) => ({ value: v, label: t(`documents.statuses.${v}`) }))}
          value={filters.status || null}
          onChange={(v) => set({ status: (v ?? '') as DocumentStatus | '' })}
          clearable
        />
        <Select
          label={t('documents.legalEntity')}
          data={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          value={filters.legalEntityId || null}
          onChange={(v) => set({ legalEntityId: v ?? '' })}
          clearable
        />
        <TextInput
          type="date"
          label={t('documents.from')}
          value={filters.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('documents.to')}
          value={filters.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
      </Group>
      <ExportPanel filters={filters} selected={selected} />
      {docs.error && <Text c="red">{errorMessage(docs.error)}</Text>}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('documentExport.selectAll')}
                  checked={allChosen}
                  indeterminate={selected.length > 0 && !allChosen}
                  onChange={() => setSelected(allChosen ? [] : items.map((d) => d.id))}
                />
              </Table.Th>
              <Table.Th>{t('documents.document')}</Table.Th>
              <Table.Th>{t('documents.client')}</Table.Th>
              <Table.Th>{t('documents.legalEntity')}</Table.Th>
              <Table.Th>{t('documents.status')}</Table.Th>
              <Table.Th ta="right">{t('documents.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={`${t('documentExport.select')}: ${t(`documents.types.${d.type}`)} ${d.number ?? ''}`}
                    checked={selected.includes(d.id)}
                    onChange={() => toggle(d.id)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/documents/${d.id}`}>
                    {t(`documents.types.${d.type}`)} {d.number ? `№ ${d.number}` : ''}{' '}
                    {t('documents.of')} {formatDate(d.date)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.buyerName ?? '—'}</Table.Td>
                <Table.Td>{d.legalEntityName}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`documents.statuses.${d.status}`)}</Badge>
                </Table.Td>
                <Table.Td ta="right">{formatMoney(d.totalKopecks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {docs.data && !items.length && <Text c="dimmed">{t('common.nothingFound')}</Text>}
    </Stack>
  );
}
