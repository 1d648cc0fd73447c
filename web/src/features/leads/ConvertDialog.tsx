import type { Lead } from '@voronka/contract';
import {
  Checkbox,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { type FormState, useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { checkConvert, convertValues, type ConvertValues, type Mode } from './convert-form';
import { useConvertLead } from './use-leads';
import { useRecordOptions } from './use-record-options';

type Form = FormState<ConvertValues>;

// Convert: link the matched (or another) contact or create one from the lead's data, the same for
// the company, and optionally open a deal. One request, one transaction on the server.
export function ConvertDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const convert = useConvertLead(lead.id);
  const form = useFormState(convertValues(lead));
  const submit = form.onSubmit(
    (v) => checkConvert(v, t),
    (body) => convert.mutate(body, { onSuccess: onClose }),
  );
  const serverField = isApiError(convert.error) ? convert.error.field : undefined;

  return (
    <Modal opened onClose={onClose} title={t('leads.convertDialog.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert
            message={
              convert.error
                ? `${errorMessage(convert.error)}${serverField ? ` (${serverField})` : ''}`
                : null
            }
          />
          <ContactPart lead={lead} form={form} />
          <CompanyPart lead={lead} form={form} />
          <DealPart form={form} />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('leads.convert')}
            loading={convert.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

// The picked record first, even when the search does not find it.
const withCurrent = (
  opts: { value: string; label: string }[] | undefined,
  cur: { id: string; name: string } | null,
) =>
  cur && !(opts ?? []).some((o) => o.value === cur.id)
    ? [{ value: cur.id, label: cur.name }, ...(opts ?? [])]
    : (opts ?? []);

function RecordPicker({
  kind,
  label,
  current,
  form,
}: {
  kind: 'contact' | 'company';
  label: string;
  current: { id: string; name: string } | null;
  form: Form;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const options = useRecordOptions(kind === 'contact' ? '/contacts' : '/companies', search, true);
  const name = kind === 'contact' ? 'contactId' : 'companyId';
  return (
    <Select
      label={label}
      searchable
      data={withCurrent(options.data, current)}
      value={form.values[name]}
      onChange={(v) => form.set(name, v)}
      searchValue={search}
      onSearchChange={setSearch}
      error={form.errors[name]}
      nothingFoundMessage={t('common.nothingFound')}
      filter={({ options: all }) => all}
    />
  );
}

function ContactPart({ lead, form }: { lead: Lead; form: Form }) {
  const { t } = useTranslation();
  return (
    <>
      <Text fw={600}>{t('leads.contact')}</Text>
      <SegmentedControl
        value={form.values.contactMode}
        onChange={(v) => form.set('contactMode', v as Mode)}
        fullWidth
        data={[
          { value: 'existing', label: t('leads.convertDialog.linkExisting') },
          { value: 'create', label: t('leads.convertDialog.createNew') },
        ]}
      />
      {form.values.contactMode === 'existing' ? (
        <RecordPicker
          kind="contact"
          label={t('leads.convertDialog.contact')}
          current={lead.contact}
          form={form}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('leads.convertDialog.firstName')} {...form.field('firstName')} />
          <TextInput label={t('leads.convertDialog.lastName')} {...form.field('lastName')} />
          <Text size="xs" c="dimmed">
            {t('leads.convertDialog.pointsCopied')}
          </Text>
        </SimpleGrid>
      )}
    </>
  );
}

function CompanyPart({ lead, form }: { lead: Lead; form: Form }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 30em)');
  const mode = form.values.companyMode;
  return (
    <>
      <Text fw={600}>{t('leads.company')}</Text>
      <SegmentedControl
        value={mode}
        onChange={(v) => form.set('companyMode', v as Mode)}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
        data={[
          { value: 'none', label: t('leads.convertDialog.noCompany') },
          { value: 'existing', label: t('leads.convertDialog.linkExisting') },
          { value: 'create', label: t('leads.convertDialog.createNew') },
        ]}
      />
      {mode === 'existing' ? (
        <RecordPicker
          kind="company"
          label={t('leads.convertDialog.company')}
          current={lead.company}
          form={form}
        />
      ) : null}
      {mode === 'create' ? (
        <TextInput label={t('leads.companyName')} {...form.field('companyName')} />
      ) : null}
    </>
  );
}

function DealPart({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox
        label={t('leads.convertDialog.withDeal')}
        checked={form.values.withDeal}
        onChange={(e) => form.set('withDeal', e.currentTarget.checked)}
      />
      {form.values.withDeal ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('leads.convertDialog.dealTitle')} {...form.field('dealTitle')} />
          <TextInput
            label={t('leads.convertDialog.amount')}
            inputMode="decimal"
            placeholder="150 000"
            rightSection="₽"
            {...form.field('amount')}
          />
        </SimpleGrid>
      ) : null}
    </>
  );
}
