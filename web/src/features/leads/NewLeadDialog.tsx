import type { LeadCreateBody, User } from '@voronka/contract';
import { Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useFormState } from '../../lib/use-form-state';
import { CustomFieldInputs, type CustomValues } from '../custom-fields';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useCreateLead } from './use-leads';

const orNull = (s: string) => (s.trim() ? s.trim() : null);

// A lead typed in by hand (a call, a visit): channel "manual" unless picked otherwise.
export function NewLeadDialog({
  users,
  onClose,
  onCreated,
}: {
  users: User[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const form = useFormState({
    title: '',
    message: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    companyName: '',
    channel: 'manual',
    source: '',
    assigneeId: '',
  });
  const [custom, setCustom] = useState<CustomValues>({});
  const create = useCreateLead();
  const submit = form.onSubmit(
    (v) => ({
      ok: true as const,
      data: {
        channel: v.channel as LeadCreateBody['channel'],
        title: orNull(v.title),
        message: orNull(v.message),
        contactName: orNull(v.contactName),
        contactPhone: orNull(v.contactPhone),
        contactEmail: orNull(v.contactEmail),
        companyName: orNull(v.companyName),
        source: orNull(v.source),
        ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
        custom: Object.fromEntries(
          Object.entries(custom).filter(([, x]) => x !== null),
        ) as LeadCreateBody['custom'],
      } satisfies LeadCreateBody,
    }),
    (body) =>
      create.mutate(body, {
        onSuccess: (lead) => {
          onClose();
          onCreated(lead.id);
        },
        onError: form.fail,
      }),
  );
  const channels = ['manual', 'phone', 'email', 'web', 'telegram', 'vk', 'whatsapp'] as const;
  return (
    <Modal opened onClose={onClose} title={t('leads.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('leads.titleField')} data-autofocus {...form.field('title')} />
          <Textarea
            label={t('leads.message')}
            autosize
            minRows={3}
            maxRows={8}
            value={form.values.message}
            onChange={(e) => form.setValues((s) => ({ ...s, message: e.currentTarget.value }))}
            error={form.errors.message}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('leads.contactName')} {...form.field('contactName')} />
            <TextInput label={t('leads.companyName')} {...form.field('companyName')} />
            <TextInput
              label={t('leads.contactPhone')}
              type="tel"
              placeholder="+7 912 345-67-89"
              {...form.field('contactPhone')}
            />
            <TextInput
              label={t('leads.contactEmail')}
              type="email"
              {...form.field('contactEmail')}
            />
            <Select
              label={t('leads.channel')}
              data={channels.map((c) => ({
                value: c,
                label: t(`leads.channels.${c}`),
              }))}
              value={form.values.channel}
              onChange={(v) => form.setValues((s) => ({ ...s, channel: v ?? 'manual' }))}
              allowDeselect={false}
            />
            <TextInput label={t('leads.source')} {...form.field('source')} />
          </SimpleGrid>
          <CustomFieldInputs entity="leads" values={custom} onChange={setCustom} />
          <Select
            label={t('leads.assignee')}
            data={[
              { value: '', label: t('leads.unassigned') },
              ...users.map((u) => ({ value: u.id, label: u.name })),
            ]}
            value={form.values.assigneeId}
            onChange={(v) => form.setValues((s) => ({ ...s, assigneeId: v ?? '' }))}
            error={form.errors.assigneeId}
            searchable
            allowDeselect={false}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('leads.createSubmit')}
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
