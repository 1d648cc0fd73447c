import type { PriceList } from '@voronka/contract';
import { Badge, Button, Card, Grid, Group, NavLink, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PageHeader } from '../../ui/PageHeader';
import { PriceListDialog } from './PriceListDialog';
import { PriceListItemsEditor } from './PriceListItemsEditor';
import { deletePriceList, priceListsKey, usePriceLists } from './use-catalog';

// Price lists: base, dealer, per client segment; each with its own prices, VAT mode and dates,
// and a printable copy (PDF/XLSX) for clients.
export function PriceListsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lists = usePriceLists();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<PriceList | 'new' | null>(null);
  const canCreate = useCanWrite('catalog', 'create');
  const canUpdate = useCanWrite('catalog', 'update');
  const canDelete = useCanWrite('catalog', 'delete');
  const current = lists.data?.find((l) => l.id === selected) ?? lists.data?.[0] ?? null;
  const remove = useMutation({
    mutationFn: deletePriceList,
    onSuccess: () => void qc.invalidateQueries({ queryKey: priceListsKey }),
  });
  const period = (l: PriceList) =>
    l.validFrom || l.validTo
      ? `${l.validFrom ? formatDate(l.validFrom) : '…'} — ${l.validTo ? formatDate(l.validTo) : '…'}`
      : t('catalog.priceLists.always');
  return (
    <>
      <PageHeader
        title={t('catalog.priceLists.title')}
        description={t('catalog.priceLists.description')}
        actions={
          canCreate ? (
            <Button onClick={() => setEditing('new')}>{t('catalog.priceLists.add')}</Button>
          ) : null
        }
      />
      {lists.data?.length === 0 ? <Text c="dimmed">{t('catalog.priceLists.empty')}</Text> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap={4}>
            {(lists.data ?? []).map((l) => (
              <NavLink
                key={l.id}
                active={l.id === current?.id}
                label={l.name}
                description={`${t(`catalog.priceLists.kinds.${l.kind}`)} · ${period(l)}`}
                rightSection={<Badge variant="light">{l.itemCount}</Badge>}
                onClick={() => setSelected(l.id)}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {current ? (
            <Card withBorder component="section" aria-label={current.name}>
              <Group justify="space-between" mb="sm" wrap="wrap">
                <div>
                  <Text fw={700}>{current.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`catalog.vatMode.${current.vatMode}`)} · {current.currency} ·{' '}
                    {period(current)}
                  </Text>
                </div>
                <Group gap="xs">
                  {(['pdf', 'xlsx'] as const).map((f) => (
                    <Button
                      key={f}
                      size="xs"
                      variant="default"
                      component="a"
                      href={`/api/v1/price-lists/${current.id}/print?format=${f}`}
                      download
                    >
                      {f === 'pdf' ? t('catalog.priceLists.pdf') : t('catalog.priceLists.xlsx')}
                    </Button>
                  ))}
                  {canUpdate ? (
                    <Button size="xs" variant="default" onClick={() => setEditing(current)}>
                      {t('catalog.edit')}
                    </Button>
                  ) : null}
                  {canDelete ? (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      title={t('catalog.priceLists.delete')}
                      message={t('catalog.priceLists.deleteConfirm', { name: current.name })}
                      onConfirm={() => remove.mutate(current.id)}
                    />
                  ) : null}
                </Group>
              </Group>
              <PriceListItemsEditor key={current.id} listId={current.id} canEdit={canUpdate} />
            </Card>
          ) : null}
        </Grid.Col>
      </Grid>
      {editing ? (
        <PriceListDialog
          list={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
