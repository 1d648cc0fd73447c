import type { PriceList, PriceListCreateBody } from '@voronka/contract';
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Checked } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { priceListsKey, savePriceList } from './use-catalog';

// Creates a price list (list === undefined) or edits its name, kind, VAT mode and dates.
export function PriceListDialog({ list, onClose }: { list?: PriceList; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useFormState({
    name: list?.name ?? '',
    kind: list?.kind ?? 'base',
    segment: list?.segment ?? '',
    vatMode: list?.vatMode ?? 'included',
    validFrom: list?.validFrom ?? '',
    validTo: list?.validTo ?? '',
  });
  const save = useMutation({
    mutationFn: (body: PriceListCreateBody) => savePriceList(list?.id ?? null, body),
    meta: { inlineErrors: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: priceListsKey });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = form.onSubmit(
    (v): Checked<PriceListCreateBody> => ({
      ok: true,
      data: {
        name: v.name,
        kind: v.kind as PriceListCreateBody['kind'],
        segment: v.segment.trim() || null,
        currency: 'RUB',
        vatMode: v.vatMode as PriceListCreateBody['vatMode'],
        validFrom: v.validFrom || null,
        validTo: v.validTo || null,
      },
    }),
    (body) => save.mutate(body),
  );
  const select = (name: 'kind' | 'vatMode', data: { value: string; label: string }[]) => (
    <Select
      label={t(name === 'kind' ? 'catalog.priceLists.kind' : 'catalog.lines.vatMode')}
      data={data}
      value={form.values[name]}
      onChange={(v) => v && form.setValues((s) => ({ ...s, [name]: v }))}
      allowDeselect={false}
      error={form.errors[name]}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(list ? 'catalog.priceLists.editTitle' : 'catalog.priceLists.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput
            label={t('catalog.priceLists.name')}
            required
            data-autofocus
            {...form.field('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {select(
              'kind',
              (['base', 'dealer', 'segment'] as const).map((k) => ({
                value: k,
                label: t(`catalog.priceLists.kinds.${k}`),
              })),
            )}
            {select('vatMode', [
              { value: 'included', label: t('catalog.vatMode.included') },
              { value: 'on_top', label: t('catalog.vatMode.on_top') },
            ])}
          </SimpleGrid>
          {form.values.kind === 'segment' ? (
            <TextInput label={t('catalog.priceLists.segment')} {...form.field('segment')} />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('catalog.priceLists.validFrom')}
              {...form.field('validFrom')}
            />
            <TextInput
              type="date"
              label={t('catalog.priceLists.validTo')}
              {...form.field('validTo')}
            />
          </SimpleGrid>
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
