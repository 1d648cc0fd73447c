import type { Product } from '@voronka/contract';
import { Badge, Button, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../lib/api';
import { useCanWrite } from '../../lib/use-can-write';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { formatMoney } from '../../lib/money';
import { ImportButton } from '../import';
import { ProductDialog } from './ProductDialog';
import { useProducts } from './use-catalog';

// The catalog: products and services with their unit, VAT rate and price; search by name or SKU,
// add and edit in a dialog, download as XLSX/CSV and import a CSV/XLSX file (upsert by SKU).
export function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q, 250);
  const [inactive, setInactive] = useState(false);
  const products = useProducts(query, inactive ? 'all' : 'true');
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const canCreate = useCanWrite('catalog', 'create');
  const canUpdate = useCanWrite('catalog', 'update');
  const canExport = me.permissions.catalog?.export === true;
  const margin = me.permissions.margin?.read === true;
  const exportUrl = (format: 'xlsx' | 'csv') =>
    buildUrl('/api/v1/products/export', {
      format,
      active: inactive ? 'all' : 'true',
      q: query || undefined,
    });
  const columns = [
    t('catalog.sku'),
    t('catalog.name'),
    t('catalog.unit'),
    t('catalog.vatRate'),
    t('catalog.price'),
    ...(margin ? [t('catalog.cost')] : []),
    t('catalog.category'),
    '',
  ];
  return (
    <>
      <PageHeader
        title={t('catalog.title')}
        description={t('catalog.description')}
        actions={
          <Group gap="xs">
            {canExport ? (
              <>
                <Button component="a" href={exportUrl('xlsx')} variant="default" download>
                  {t('catalog.export')}
                </Button>
                <Button component="a" href={exportUrl('csv')} variant="default" download>
                  {t('catalog.exportCsv')}
                </Button>
              </>
            ) : null}
            <ImportButton entity="products" />
            {canCreate ? (
              <Button onClick={() => setEditing('new')}>{t('catalog.add')}</Button>
            ) : null}
          </Group>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('catalog.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
        <Switch
          label={t('catalog.showInactive')}
          checked={inactive}
          onChange={(e) => setInactive(e.currentTarget.checked)}
        />
      </Group>
      <DataTable
        rows={products.data?.items ?? []}
        columns={columns}
        minWidth={760}
        loading={products.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('catalog.empty')}
        renderRow={(p) => (
          <Table.Tr key={p.id}>
            <Table.Td>{p.sku ?? '—'}</Table.Td>
            <Table.Td>
              <Text size="sm">{p.name}</Text>
              {p.active ? null : (
                <Badge size="xs" color="gray">
                  {t('catalog.inactive')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{p.unit}</Table.Td>
            <Table.Td>{p.vatRate === null ? t('catalog.noVat') : `${p.vatRate} %`}</Table.Td>
            <Table.Td>{p.priceKopecks === null ? '—' : formatMoney(p.priceKopecks)}</Table.Td>
            {margin ? (
              <Table.Td>
                {p.costKopecks === null || p.costKopecks === undefined
                  ? '—'
                  : formatMoney(p.costKopecks)}
              </Table.Td>
            ) : null}
            <Table.Td>{p.category ?? ''}</Table.Td>
            <Table.Td>
              {canUpdate ? (
                <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                  {t('catalog.edit')}
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing ? (
        <ProductDialog
          product={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
