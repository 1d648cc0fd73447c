import type { Lead, LeadConvertBody } from '@voronka/contract';
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
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { parseMoney, proposeDealTitle, splitName } from './lead-format';
import { useConvertLead } from './use-leads';
import { useRecordOptions } from './use-record-options';

type Mode = 'existing' | 'create' | 'none';

// Convert: link the matched (or another) contact or create one from the lead's data, the same for
// the company, and optionally open a deal. One request, one transaction on the server.
export function ConvertDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const convert = useConvertLead(lead.id);
  const narrow = useMediaQuery('(max-width: 30em)');
  const name = splitName(lead.contactName);
  const [contactMode, setContactMode] = useState<Mode>(lead.contact ? 'existing' : 'create');
  const [contactId, setContactId] = useState<string | null>(lead.contact?.id ?? null);
  const [contactSearch, setContactSearch] = useState('');
  const [firstName, setFirstName] = useState(name.firstName);
  const [lastName, setLastName] = useState(name.lastName);
  const [companyMode, setCompanyMode] = useState<Mode>(
    lead.company ? 'existing' : lead.companyName ? 'create' : 'none',
  );
  const [companyId, setCompanyId] = useState<string | null>(lead.company?.id ?? null);
  const [companySearch, setCompanySearch] = useState('');
  const [companyName, setCompanyName] = useState(lead.companyName ?? '');
  const [withDeal, setWithDeal] = useState(true);
  const [dealTitle, setDealTitle] = useState(() => proposeDealTitle(lead));
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const contacts = useRecordOptions('/contacts', contactSearch, contactMode === 'existing');
  const companies = useRecordOptions('/companies', companySearch, companyMode === 'existing');
  const withCurrent = (
    opts: { value: string; label: string }[] | undefined,
    cur: { id: string; name: string } | null,
  ) =>
    cur && !(opts ?? []).some((o) => o.value === cur.id)
      ? [{ value: cur.id, label: cur.name }, ...(opts ?? [])]
      : (opts ?? []);

  const build = (): LeadConvertBody | Record<string, string> => {
    const errs: Record<string, string> = {};
    if (contactMode === 'existing' && !contactId)
      errs.contact = t('leads.convertDialog.pickContact');
    if (contactMode === 'create' && !firstName.trim() && !lastName.trim())
      errs.firstName = t('leads.convertDialog.nameRequired');
    if (companyMode === 'existing' && !companyId)
      errs.company = t('leads.convertDialog.pickCompany');
    if (companyMode === 'create' && !companyName.trim())
      errs.companyName = t('leads.convertDialog.companyRequired');
    const kopecks = amount.trim() ? parseMoney(amount) : 0;
    if (withDeal && kopecks === null) errs.amount = t('leads.convertDialog.badAmount');
    if (withDeal && !dealTitle.trim()) errs.dealTitle = t('leads.convertDialog.dealTitleRequired');
    if (Object.keys(errs).length) return errs;
    return {
      contact:
        contactMode === 'existing'
          ? { existingId: contactId! }
          : {
              create: {
                firstName: firstName.trim() || null,
                lastName: lastName.trim() || null,
              },
            },
      company:
        companyMode === 'existing'
          ? { existingId: companyId! }
          : companyMode === 'create'
            ? { create: { name: companyName.trim() } }
            : null,
      deal: withDeal
        ? {
            create: {
              title: dealTitle.trim(),
              amount: kopecks ?? 0,
              currency: 'RUB',
            },
          }
        : null,
    };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = build();
    if (!('contact' in body)) return setErrors(body as Record<string, string>);
    setErrors({});
    convert.mutate(body as LeadConvertBody, { onSuccess: onClose });
  };
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
          <Text fw={600}>{t('leads.contact')}</Text>
          <SegmentedControl
            value={contactMode}
            onChange={(v) => setContactMode(v as Mode)}
            fullWidth
            data={[
              {
                value: 'existing',
                label: t('leads.convertDialog.linkExisting'),
              },
              { value: 'create', label: t('leads.convertDialog.createNew') },
            ]}
          />
          {contactMode === 'existing' ? (
            <Select
              label={t('leads.convertDialog.contact')}
              searchable
              data={withCurrent(contacts.data, lead.contact)}
              value={contactId}
              onChange={setContactId}
              searchValue={contactSearch}
              onSearchChange={setContactSearch}
              error={errors.contact}
              nothingFoundMessage={t('common.nothingFound')}
              filter={({ options }) => options}
            />
          ) : (
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t('leads.convertDialog.firstName')}
                value={firstName}
                onChange={(e) => setFirstName(e.currentTarget.value)}
                error={errors.firstName}
              />
              <TextInput
                label={t('leads.convertDialog.lastName')}
                value={lastName}
                onChange={(e) => setLastName(e.currentTarget.value)}
              />
              <Text size="xs" c="dimmed">
                {t('leads.convertDialog.pointsCopied')}
              </Text>
            </SimpleGrid>
          )}
          <Text fw={600}>{t('leads.company')}</Text>
          <SegmentedControl
            value={companyMode}
            onChange={(v) => setCompanyMode(v as Mode)}
            orientation={narrow ? 'vertical' : 'horizontal'}
            fullWidth
            data={[
              { value: 'none', label: t('leads.convertDialog.noCompany') },
              {
                value: 'existing',
                label: t('leads.convertDialog.linkExisting'),
              },
              { value: 'create', label: t('leads.convertDialog.createNew') },
            ]}
          />
          {companyMode === 'existing' ? (
            <Select
              label={t('leads.convertDialog.company')}
              searchable
              data={withCurrent(companies.data, lead.company)}
              value={companyId}
              onChange={setCompanyId}
              searchValue={companySearch}
              onSearchChange={setCompanySearch}
              error={errors.company}
              nothingFoundMessage={t('common.nothingFound')}
              filter={({ options }) => options}
            />
          ) : null}
          {companyMode === 'create' ? (
            <TextInput
              label={t('leads.companyName')}
              value={companyName}
              onChange={(e) => setCompanyName(e.currentTarget.value)}
              error={errors.companyName}
            />
          ) : null}
          <Checkbox
            label={t('leads.convertDialog.withDeal')}
            checked={withDeal}
            onChange={(e) => setWithDeal(e.currentTarget.checked)}
          />
          {withDeal ? (
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t('leads.convertDialog.dealTitle')}
                value={dealTitle}
                onChange={(e) => setDealTitle(e.currentTarget.value)}
                error={errors.dealTitle}
              />
              <TextInput
                label={t('leads.convertDialog.amount')}
                inputMode="decimal"
                placeholder="150 000"
                rightSection="₽"
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
                error={errors.amount}
              />
            </SimpleGrid>
          ) : null}
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
