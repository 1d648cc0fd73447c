import { DealCreateBody, type Deal } from '@voronka/contract';
import { Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { CustomValuesSection, useCustomValues } from '../records/custom-values';
import { usePipelines } from '../pipelines/use-pipelines';
import { minorToInput, parseMoney } from '../../lib/money';
import { useCompanyOptions, useContactOptions, useDealLinesTotal, useSaveDeal } from './use-deals';

// deal === undefined creates a deal in the pipeline; otherwise edits it.
export function DealDialog({
  pipelineId,
  deal,
  onClose,
}: {
  pipelineId: string;
  deal?: Deal;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pipeline = usePipelines().data?.find((p) => p.id === pipelineId);
  const form = useFormState({
    title: deal?.title ?? '',
    amount: deal ? minorToInput(deal.amount) : '',
    stageId: deal?.stageId ?? '',
    companyId: deal?.companyId ?? '',
    expectedCloseDate: deal?.expectedCloseDate ?? '',
  });
  // With line items the amount is their total: shown read-only and not sent.
  const linesTotal = useDealLinesTotal(deal?.id);
  const [contactIds, setContactIds] = useState<string[]>(deal?.contactIds ?? []);
  const custom = useCustomValues('deals', deal?.custom);
  const [companyQ, setCompanyQ] = useState('');
  const [contactQ, setContactQ] = useState('');
  const companies = useCompanyOptions(companyQ);
  const contacts = useContactOptions(contactQ);
  const known = [
    ...(deal?.companyId ? [{ value: deal.companyId, label: deal.companyName ?? '' }] : []),
  ];
  const knownContacts = (deal?.contacts ?? []).map((c) => ({ value: c.id, label: c.name }));
  const merge = (a: { value: string; label: string }[], b: { value: string; label: string }[]) => [
    ...a,
    ...b.filter((x) => !a.some((y) => y.value === x.value)),
  ];

  const save = useSaveDeal(deal ?? null, {
    onSuccess: (saved) => {
      onClose();
      if (!deal) void navigate(`/deals/${saved.id}`);
    },
    onError: (e) => (custom.takeError(e) ? form.clear() : form.fail(e)),
  });
  const submit = form.onSubmit(
    (v) => {
      const amount = linesTotal ?? parseMoney(v.amount);
      if (amount === null)
        return { ok: false as const, errors: { amount: t('deals.amountInvalid') } };
      const body = {
        title: v.title,
        ...(linesTotal === null ? { amount } : {}),
        currency: 'RUB',
        companyId: v.companyId || null,
        contactIds,
        expectedCloseDate: v.expectedCloseDate || null,
        custom: custom.body(),
        ...(deal ? {} : { pipelineId }),
        ...(v.stageId && v.stageId !== deal?.stageId ? { stageId: v.stageId } : {}),
      };
      return validate(DealCreateBody, body);
    },
    (body) => save.mutate(body),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(deal ? 'deals.editTitle' : 'deals.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('deals.name')} required data-autofocus {...form.field('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {linesTotal === null ? (
              <TextInput
                label={t('deals.amount')}
                inputMode="decimal"
                placeholder="0,00"
                rightSection="₽"
                {...form.field('amount')}
              />
            ) : (
              <TextInput
                label={t('deals.amount')}
                description={t('deals.amountFromLines')}
                value={minorToInput(linesTotal)}
                rightSection="₽"
                readOnly
                variant="filled"
              />
            )}
            <TextInput
              label={t('deals.expectedCloseDate')}
              type="date"
              {...form.field('expectedCloseDate')}
            />
          </SimpleGrid>
          <Select
            label={t('deals.stage')}
            data={(pipeline?.stages ?? [])
              .filter((s) => s.kind === 'open' || deal)
              .map((s) => ({ value: s.id, label: s.name }))}
            value={form.values.stageId || pipeline?.stages[0]?.id || null}
            onChange={(v) => form.setValues((s) => ({ ...s, stageId: v ?? '' }))}
            error={form.errors.stageId}
            allowDeselect={false}
          />
          <Select
            label={t('deals.company')}
            data={merge(known, companies.data ?? [])}
            value={form.values.companyId || null}
            onChange={(v) => form.setValues((s) => ({ ...s, companyId: v ?? '' }))}
            searchable
            clearable
            onSearchChange={setCompanyQ}
            error={form.errors.companyId}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <MultiSelect
            label={t('deals.contacts')}
            data={merge(knownContacts, contacts.data ?? [])}
            value={contactIds}
            onChange={setContactIds}
            searchable
            onSearchChange={setContactQ}
            error={form.errors.contactIds}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <CustomValuesSection form={custom} />
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
