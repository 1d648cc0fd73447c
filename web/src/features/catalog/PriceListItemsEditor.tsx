import { ActionIcon, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { minorToInput, parseMoney } from '../../lib/money';
import { priceListsKey, savePriceListItems, usePriceListItems, useProducts } from './use-catalog';

type Row = { productId: string; name: string; unit: string; price: string };

// The prices of one list: add products from the catalog, type prices, save the whole list.
export function PriceListItemsEditor({ listId, canEdit }: { listId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const items = usePriceListItems(listId);
  const products = useProducts('').data?.items ?? [];
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (items.data)
      setRows(
        items.data.map((i) => ({
          productId: i.productId,
          name: i.name,
          unit: i.unit,
          price: minorToInput(i.priceKopecks),
        })),
      );
  }, [items.data]);
  const parsed = rows.map((r) => parseMoney(r.price));
  const save = useMutation({
    mutationFn: () =>
      savePriceListItems(listId, {
        items: rows.map((r, i) => ({ productId: r.productId, priceKopecks: parsed[i]! })),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: priceListsKey });
      notifications.show({ color: 'green', message: t('catalog.priceLists.pricesSaved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const free = products.filter((p) => !rows.some((r) => r.productId === p.id));
  return (
    <>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('catalog.priceLists.noItems')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.productId}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td w={60}>{r.unit}</Table.Td>
                  <Table.Td w={150}>
                    <TextInput
                      size="xs"
                      aria-label={`${t('catalog.price')}: ${r.name}`}
                      inputMode="decimal"
                      rightSection="₽"
                      value={r.price}
                      disabled={!canEdit}
                      error={parsed[i] === null}
                      onChange={(e) => {
                        const price = e.currentTarget.value;
                        setRows((all) => all.map((x, j) => (j === i ? { ...x, price } : x)));
                      }}
                    />
                  </Table.Td>
                  <Table.Td w={36}>
                    {canEdit ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('catalog.lines.remove')}: ${r.name}`}
                        onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit ? (
        <Group mt="sm" align="flex-end">
          <Select
            size="xs"
            aria-label={t('catalog.priceLists.addProduct')}
            placeholder={t('catalog.priceLists.addProduct')}
            data={free.map((p) => ({ value: p.id, label: p.name }))}
            value={null}
            searchable
            onChange={(id) => {
              const p = free.find((x) => x.id === id);
              if (p)
                setRows((all) => [
                  ...all,
                  {
                    productId: p.id,
                    name: p.name,
                    unit: p.unit,
                    price: p.priceKopecks === null ? '' : minorToInput(p.priceKopecks),
                  },
                ]);
            }}
          />
          <Button
            size="xs"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={parsed.some((p) => p === null)}
          >
            {t('catalog.priceLists.savePrices')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
