import { units, type Product, type ProductCreateBody } from '@voronka/contract';
import { Modal, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checked } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { useMe } from '../../lib/session';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { minorToInput, parseMoney } from '../../lib/money';
import { productsKey, saveProduct, useVatRates } from './use-catalog';

const money = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : minorToInput(v);

// Adds a product (product === undefined) or edits one. The cost price field is there only for a
// role with the margin right, as on the server.
export function ProductDialog({ product, onClose }: { product?: Product; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const margin = useMe().permissions.margin?.read === true;
  const rates = useVatRates().data ?? [];
  const form = useFormState({
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    okei: product?.okei ?? '796',
    vatRate: product ? (product.vatRate === null ? 'none' : String(product.vatRate)) : '22',
    priceKopecks: money(product?.priceKopecks),
    costKopecks: money(product?.costKopecks),
    category: product?.category ?? '',
  });
  const [tags, setTags] = useState<string[]>(product?.tags ?? []);
  const [active, setActive] = useState(product?.active ?? true);
  const save = useMutation({
    mutationFn: (body: ProductCreateBody) => saveProduct(product?.id ?? null, body),
    meta: { inlineErrors: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: productsKey });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = form.onSubmit(
    (v): Checked<ProductCreateBody> => {
      const price = parseMoney(v.priceKopecks);
      const cost = parseMoney(v.costKopecks);
      const invalid = t('catalog.priceInvalid');
      if (price === null) return { ok: false, errors: { priceKopecks: invalid } };
      if (cost === null) return { ok: false, errors: { costKopecks: invalid } };
      const body: ProductCreateBody = {
        sku: v.sku.trim() || null,
        name: v.name,
        okei: v.okei as ProductCreateBody['okei'],
        vatRate: v.vatRate === 'none' ? null : Number(v.vatRate),
        priceKopecks: v.priceKopecks.trim() ? price : null,
        ...(margin ? { costKopecks: v.costKopecks.trim() ? cost : null } : {}),
        category: v.category.trim() || null,
        tags,
        active,
      };
      return { ok: true, data: body };
    },
    (body) => save.mutate(body),
  );
  const rateOptions = [
    ...new Set([
      ...rates.map((r) => (r.rate === null ? 'none' : String(r.rate))),
      form.values.vatRate,
    ]),
  ].map((v) => ({ value: v, label: v === 'none' ? t('catalog.noVat') : `${v} %` }));
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(product ? 'catalog.editTitle' : 'catalog.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('catalog.name')} required data-autofocus {...form.field('name')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('catalog.sku')} {...form.field('sku')} />
            <Select
              label={t('catalog.unit')}
              data={units.map((u) => ({ value: u.okei, label: `${u.symbol} (${u.okei})` }))}
              value={form.values.okei}
              onChange={(v) => v && form.setValues((s) => ({ ...s, okei: v as typeof s.okei }))}
              allowDeselect={false}
              searchable
              error={form.errors.okei}
            />
            <Select
              label={t('catalog.vatRate')}
              data={rateOptions}
              value={form.values.vatRate}
              onChange={(v) => v && form.setValues((s) => ({ ...s, vatRate: v }))}
              allowDeselect={false}
              error={form.errors.vatRate}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('catalog.price')}
              inputMode="decimal"
              placeholder="0,00"
              rightSection="₽"
              {...form.field('priceKopecks')}
            />
            {margin ? (
              <TextInput
                label={t('catalog.cost')}
                inputMode="decimal"
                placeholder="0,00"
                rightSection="₽"
                {...form.field('costKopecks')}
              />
            ) : null}
          </SimpleGrid>
          <TextInput label={t('catalog.category')} {...form.field('category')} />
          <TagsInput label={t('catalog.tags')} value={tags} onChange={setTags} />
          <Switch
            label={t('catalog.active')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
