import {
  companyTextFields,
  type Company,
  type CompanyCreateBody,
  type CompanySaved,
  type DuplicateRef,
} from '@voronka/contract';
import { Divider, Modal, SimpleGrid, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { CustomValuesSection, useCustomValues } from '../records/custom-values';
import { useCreateCompany, useUpdateCompany } from './use-companies';

const textFields = companyTextFields;
type Values = Record<(typeof textFields)[number], string>;

const valuesOf = (c: Company | null): Values =>
  Object.fromEntries(textFields.map((f) => [f, c?.[f] ?? ''])) as Values;
const orNull = (s: string) => (s.trim() ? s.trim() : null);

// Shows possible duplicates after a save: the record is saved, the user decides whether to merge.
export function notifyDuplicates(
  t: (k: string, o?: Record<string, unknown>) => string,
  duplicates: DuplicateRef[],
) {
  if (!duplicates.length) return;
  notifications.show({
    color: 'yellow',
    title: t('duplicates.found'),
    message: duplicates
      .map((d) => `${d.name} (${t(`duplicates.matchedOn.${d.matchedOn}`)})`)
      .join(', '),
    autoClose: 10_000,
  });
}

// Create or edit a company with its requisites; wrong check digits come back under their field.
export function CompanyForm({
  company,
  onClose,
  onSaved,
}: {
  company: Company | null;
  onClose: () => void;
  onSaved?: (c: CompanySaved) => void;
}) {
  const { t } = useTranslation();
  const form = useFormState(valuesOf(company));
  const [tags, setTags] = useState<string[]>(company?.tags ?? []);
  const custom = useCustomValues('companies', company?.custom);
  const create = useCreateCompany();
  const update = useUpdateCompany(company?.id ?? '');
  const mutation = company ? update : create;
  const fail = (e: unknown) => {
    if (custom.takeError(e)) return form.clear();
    form.fail(e);
    // Requisite errors read better per field, translated by code + field.
    if (e instanceof ApiError && e.code === 'company.invalid_requisite' && e.field)
      form.setErrors({ [e.field]: t(`companies.requisiteErrors.${e.field}`) });
  };
  const submit = form.onSubmit(
    (v) => {
      if (!v.name.trim()) return { ok: false as const, errors: { name: t('validation.required') } };
      const body = Object.fromEntries(
        textFields.map((f) => [f, f === 'name' ? v.name.trim() : orNull(v[f])]),
      );
      return {
        ok: true as const,
        data: { ...body, tags, custom: custom.body() } as CompanyCreateBody,
      };
    },
    (body) =>
      mutation.mutate(body, {
        onSuccess: (saved) => {
          notifyDuplicates(t, saved.duplicates);
          onSaved?.(saved);
          onClose();
        },
        onError: fail,
      }),
  );
  const input = (f: (typeof textFields)[number], extra: Record<string, unknown> = {}) => (
    <TextInput label={t(`companies.fields.${f}`)} {...form.field(f)} {...extra} />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={company ? t('companies.editTitle') : t('companies.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('name', { required: true, 'data-autofocus': true })}
            {input('legalForm', { placeholder: 'ООО' })}
            {input('industry')}
            {input('website', { placeholder: 'https://' })}
          </SimpleGrid>
          <TagsInput label={t('companies.fields.tags')} value={tags} onChange={setTags} />
          <Divider />
          <Title order={3} size="h5">
            {t('companies.requisites')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {input('inn', { inputMode: 'numeric' })}
            {input('kpp')}
            {input('ogrn', { inputMode: 'numeric' })}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('legalAddress')}
            {input('postalAddress')}
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('companies.bank')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('bankName')}
            {input('bik', { inputMode: 'numeric' })}
            {input('corrAccount', { inputMode: 'numeric' })}
            {input('settlementAccount', { inputMode: 'numeric' })}
          </SimpleGrid>
          <CustomValuesSection form={custom} />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={mutation.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
