import { units, type LineMoney, type Product, type VatRate } from '@voronka/contract';
import { ActionIcon, Autocomplete, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, minorToInput } from '../../lib/money';
import type { DraftField, LineDraft } from './line-draft';
import { useProducts } from './use-catalog';

// One editable line: the name picks a product from the catalog (or stays free text), then
// quantity, unit, price, discount and VAT; the line's total is live.
export function LineRow({
  draft: d,
  index,
  money,
  rates,
  disabled,
  onChange,
  onRemove,
}: {
  draft: LineDraft;
  index: number;
  money: LineMoney | { field: DraftField };
  rates: VatRate[];
  disabled: boolean;
  onChange: (next: LineDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const products = useProducts(q).data?.items ?? [];
  const bad = 'field' in money ? money.field : null;
  const set = (patch: Partial<LineDraft>) => onChange({ ...d, ...patch });
  const pick = (p: Product) =>
    set({
      productId: p.id,
      name: p.name,
      okei: p.okei,
      price: p.priceKopecks === null ? d.price : minorToInput(p.priceKopecks),
      vatRate: p.vatRate === null ? 'none' : String(p.vatRate),
    });
  const label = (what: string) => `${t(`catalog.lines.${what}`)} ${index + 1}`;
  const rateOptions = [
    ...new Set([...rates.map((r) => (r.rate === null ? 'none' : String(r.rate))), d.vatRate]),
  ].map((v) => ({ value: v, label: v === 'none' ? t('catalog.noVat') : `${v} %` }));
  return (
    <Table.Tr>
      <Table.Td>
        <Autocomplete
          aria-label={label('name')}
          size="xs"
          value={d.name}
          disabled={disabled}
          error={bad === 'name'}
          data={products.map((p) => ({ value: p.id, label: p.name }))}
          filter={({ options }) => options}
          onChange={(name) => {
            setQ(name);
            set({ name, productId: null });
          }}
          onOptionSubmit={(id) => {
            const p = products.find((x) => x.id === id);
            if (p) pick(p);
          }}
          placeholder={t('catalog.lines.namePlaceholder')}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label('quantity')}
          size="xs"
          inputMode="decimal"
          value={d.quantity}
          disabled={disabled}
          error={bad === 'quantity'}
          onChange={(e) => set({ quantity: e.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={label('unit')}
          size="xs"
          value={d.okei}
          disabled={disabled}
          allowDeselect={false}
          data={units.map((u) => ({ value: u.okei, label: u.symbol }))}
          onChange={(v) => v && set({ okei: v as LineDraft['okei'] })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label('price')}
          size="xs"
          inputMode="decimal"
          value={d.price}
          disabled={disabled}
          error={bad === 'price'}
          placeholder="0,00"
          onChange={(e) => set({ price: e.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          <Select
            aria-label={label('discountKind')}
            size="xs"
            w={76}
            miw={76}
            value={d.discountKind}
            disabled={disabled}
            allowDeselect={false}
            data={[
              { value: 'none', label: '—' },
              { value: 'percent', label: '%' },
              { value: 'amount', label: '₽' },
            ]}
            onChange={(v) => v && set({ discountKind: v as LineDraft['discountKind'] })}
          />
          <TextInput
            aria-label={label('discount')}
            size="xs"
            inputMode="decimal"
            value={d.discount}
            disabled={disabled || d.discountKind === 'none'}
            error={bad === 'discount'}
            onChange={(e) => set({ discount: e.currentTarget.value })}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={label('vat')}
          size="xs"
          value={d.vatRate}
          disabled={disabled}
          allowDeselect={false}
          data={rateOptions}
          onChange={(v) => v && set({ vatRate: v })}
        />
      </Table.Td>
      <Table.Td ta="right">
        <Text
          size="sm"
          fw={500}
          data-testid={`line-total-${index + 1}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {'field' in money ? '—' : formatMoney(money.totalKopecks)}
        </Text>
      </Table.Td>
      <Table.Td>
        {disabled ? null : (
          <ActionIcon variant="subtle" color="red" aria-label={label('remove')} onClick={onRemove}>
            ×
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
