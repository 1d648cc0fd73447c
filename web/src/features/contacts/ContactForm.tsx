import type { Contact, ContactCreateBody } from '@voronka/contract';
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { CustomValuesSection, useCustomValues } from '../records/custom-values';
import { notifyDuplicates } from '../companies/CompanyForm';
import { emptyCompanyFilters, useCompanies } from '../companies/use-companies';
import { useCreateContact, useUpdateContact } from './use-contacts';

type Row = { value: string; label: string };
const orNull = (s: string) => (s.trim() ? s.trim() : null);

// Several phones or e-mails: one row each, with a label ("рабочий", "мобильный").
function RowsInput(props: {
  label: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  errors: Record<number, string>;
  type: 'tel' | 'email';
  addLabel: string;
  placeholder: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Row>) =>
    props.onChange(props.rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      {props.rows.map((r, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={`${props.label} ${i + 1}`}
            type={props.type}
            placeholder={props.placeholder}
            value={r.value}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
            error={props.errors[i]}
            style={{ flex: 2 }}
          />
          <TextInput
            aria-label={t('contacts.pointLabel')}
            placeholder={t('contacts.pointLabel')}
            value={r.label}
            onChange={(e) => set(i, { label: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('common.delete')}
            onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => props.onChange([...props.rows, { value: '', label: '' }])}
        style={{ alignSelf: 'flex-start' }}
      >
        + {props.addLabel}
      </Button>
    </Stack>
  );
}

function CompanyPicker({
  value,
  initialLabel,
  onChange,
  error,
}: {
  value: string;
  initialLabel: string | null;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const companies = useCompanies({ ...emptyCompanyFilters, q, sort: 'name', order: 'asc' });
  const options = (companies.data?.pages[0]?.items ?? []).map((c) => ({
    value: c.id,
    label: c.name,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: initialLabel });
  return (
    <Select
      label={t('contacts.fields.company')}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
    />
  );
}

const initial = (c: Contact | null, companyId?: string) => ({
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  middleName: c?.middleName ?? '',
  position: c?.position ?? '',
  companyId: c?.companyId ?? companyId ?? '',
  birthday: c?.birthday ?? '',
  telegram: c?.messengers.telegram ?? '',
  vk: c?.messengers.vk ?? '',
  whatsapp: c?.messengers.whatsapp ?? '',
  consent: c?.consent ?? 'unknown',
});

// The form's values as the API's body: blank texts as null, rows without a value left out.
function contactBody(
  v: ReturnType<typeof initial>,
  lists: { phones: Row[]; emails: Row[]; tags: string[]; custom: ContactCreateBody['custom'] },
): ContactCreateBody {
  return {
    firstName: orNull(v.firstName),
    lastName: orNull(v.lastName),
    middleName: orNull(v.middleName),
    position: orNull(v.position),
    companyId: v.companyId || null,
    birthday: v.birthday || null,
    consent: v.consent as ContactCreateBody['consent'],
    phones: lists.phones
      .filter((p) => p.value.trim())
      .map((p) => ({ number: p.value.trim(), label: orNull(p.label) })),
    emails: lists.emails
      .filter((e) => e.value.trim())
      .map((e) => ({ address: e.value.trim(), label: orNull(e.label) })),
    messengers: {
      telegram: orNull(v.telegram),
      vk: orNull(v.vk),
      whatsapp: orNull(v.whatsapp),
    },
    tags: lists.tags,
    custom: lists.custom,
  };
}

// Create or edit a contact: name parts, company, any number of phones and e-mails, messengers.
export function ContactForm({
  contact,
  companyId,
  onClose,
}: {
  contact: Contact | null;
  companyId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useFormState(initial(contact, companyId));
  const [phones, setPhones] = useState<Row[]>(
    contact?.phones.map((p) => ({ value: p.number, label: p.label ?? '' })) ?? [
      { value: '', label: '' },
    ],
  );
  const [emails, setEmails] = useState<Row[]>(
    contact?.emails.map((e) => ({ value: e.address, label: e.label ?? '' })) ?? [
      { value: '', label: '' },
    ],
  );
  const [tags, setTags] = useState<string[]>(contact?.tags ?? []);
  const custom = useCustomValues('contacts', contact?.custom);
  const [rowErrors, setRowErrors] = useState<{
    phones: Record<number, string>;
    emails: Record<number, string>;
  }>({ phones: {}, emails: {} });
  const create = useCreateContact();
  const update = useUpdateContact(contact?.id ?? '');
  const mutation = contact ? update : create;
  const fail = (e: unknown) => {
    if (custom.takeError(e)) return form.clear();
    const m = e instanceof ApiError ? /^(phones|emails)\.(\d+)\./.exec(e.field ?? '') : null;
    if (!m) return form.fail(e);
    form.clear();
    const message =
      e instanceof ApiError && e.code === 'contact.invalid_phone'
        ? t('contacts.invalidPhone')
        : errorMessage(e);
    setRowErrors({ phones: {}, emails: {}, [m[1]!]: { [Number(m[2])]: message } });
  };
  const submit = form.onSubmit(
    (v) => {
      if (!v.firstName.trim() && !v.lastName.trim())
        return { ok: false as const, errors: { firstName: t('contacts.nameRequired') } };
      const body = contactBody(v, { phones, emails, tags, custom: custom.body() });
      return { ok: true as const, data: body };
    },
    (body) => {
      setRowErrors({ phones: {}, emails: {} });
      mutation.mutate(body, {
        onSuccess: (saved) => {
          notifyDuplicates(t, saved.duplicates);
          onClose();
          if (!contact && !companyId) navigate(`/contacts/${saved.id}`);
        },
        onError: fail,
      });
    },
  );
  const setValue = (k: 'companyId' | 'consent') => (v: string | null) =>
    form.setValues((s) => ({ ...s, [k]: v ?? '' }));
  return (
    <Modal
      opened
      onClose={onClose}
      title={contact ? t('contacts.editTitle') : t('contacts.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('contacts.fields.lastName')}
              data-autofocus
              {...form.field('lastName')}
            />
            <TextInput label={t('contacts.fields.firstName')} {...form.field('firstName')} />
            <TextInput label={t('contacts.fields.middleName')} {...form.field('middleName')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('contacts.fields.position')} {...form.field('position')} />
            <CompanyPicker
              value={form.values.companyId}
              initialLabel={contact?.companyName ?? null}
              onChange={setValue('companyId')}
              error={form.errors.companyId}
            />
          </SimpleGrid>
          <Divider />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <RowsInput
              label={t('contacts.fields.phones')}
              rows={phones}
              onChange={setPhones}
              errors={rowErrors.phones}
              type="tel"
              addLabel={t('contacts.addPhone')}
              placeholder="+7 912 345-67-89"
            />
            <RowsInput
              label={t('contacts.fields.emails')}
              rows={emails}
              onChange={setEmails}
              errors={rowErrors.emails}
              type="email"
              addLabel={t('contacts.addEmail')}
              placeholder="name@example.ru"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Telegram" placeholder="@username" {...form.field('telegram')} />
            <TextInput label={t('contacts.fields.vk')} {...form.field('vk')} />
            <TextInput label="WhatsApp" {...form.field('whatsapp')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('contacts.fields.birthday')}
              {...form.field('birthday')}
            />
            <Select
              label={t('contacts.fields.consent')}
              value={form.values.consent}
              onChange={setValue('consent')}
              allowDeselect={false}
              data={['unknown', 'given', 'withdrawn'].map((c) => ({
                value: c,
                label: t(`contacts.consents.${c}`),
              }))}
            />
          </SimpleGrid>
          <TagsInput label={t('contacts.fields.tags')} value={tags} onChange={setTags} />
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
