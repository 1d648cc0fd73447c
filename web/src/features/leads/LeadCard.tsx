import type { Lead, LeadStatus, LeadUpdateBody, User } from '@voronka/contract';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { CallButton } from '../calls';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { CustomFieldInputs, CustomFieldValues, type CustomValues } from '../custom-fields';
import { useCustomFields } from '../custom-fields';
import { ConvertDialog } from './ConvertDialog';
import { leadStatusColor, nextStatuses } from './lead-format';
import { useDeleteLead, useLead, useUpdateLead } from './use-leads';
import { RoutingCard } from '../inbox/RoutingCard';

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

export function LeadCard({
  id,
  users,
  onDeleted,
}: {
  id: string;
  users: User[];
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const lead = useLead(id);
  if (lead.isPending) return <Loader aria-label={t('common.loading')} />;
  if (lead.isError) return <Alert color="red">{errorMessage(lead.error)}</Alert>;
  return <LeadDetails lead={lead.data} users={users} onDeleted={onDeleted} />;
}

function LeadDetails({
  lead,
  users,
  onDeleted,
}: {
  lead: Lead;
  users: User[];
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateLead(lead.id);
  const remove = useDeleteLead();
  const canUpdate = useCanWrite('leads', 'update');
  const canDelete = useCanWrite('leads', 'delete');
  const [converting, setConverting] = useState(false);
  const move = (status: Exclude<LeadStatus, 'converted'>) => update.mutate({ status });
  const utm = Object.entries(lead.utm);
  const isOpen = lead.status !== 'converted' && lead.status !== 'junk';

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {lead.title ?? t('leads.untitled')}
          </Title>
          <Text size="sm" c="dimmed">
            {formatDateTime(lead.receivedAt)} · {t(`leads.channels.${lead.channel}`)}
            {lead.source && lead.source !== lead.title ? ` · ${lead.source}` : ''}
          </Text>
        </div>
        <Badge color={leadStatusColor[lead.status]} size="lg" variant="light">
          {t(`leads.statuses.${lead.status}`)}
        </Badge>
      </Group>
      <FormAlert message={update.error ? errorMessage(update.error) : null} />
      {isOpen || nextStatuses[lead.status].length ? (
        <Group gap="xs">
          {isOpen ? (
            <Button onClick={() => setConverting(true)} disabled={!canUpdate}>
              {t('leads.convert')}
            </Button>
          ) : null}
          {nextStatuses[lead.status].map((s) => (
            <Button
              key={s}
              variant={s === 'junk' ? 'subtle' : 'light'}
              color={s === 'junk' ? 'gray' : undefined}
              disabled={!canUpdate}
              loading={update.isPending && update.variables?.status === s}
              onClick={() => move(s)}
            >
              {t(`leads.moveTo.${s}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      <Paper withBorder p="md">
        <Text size="xs" c="dimmed" mb={4}>
          {t('leads.message')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {lead.message || t('leads.noMessage')}
        </Text>
      </Paper>
      <Title order={3} size="h5">
        {t('leads.asReceived')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Field label={t('leads.contactName')} value={lead.contactName} />
        <Field label={t('leads.companyName')} value={lead.companyName} />
        <Group gap={6} align="flex-end" wrap="nowrap">
          <Field label={t('leads.contactPhone')} value={lead.contactPhone} />
          {lead.contactPhone ? (
            <CallButton
              phone={lead.contactPhone}
              leadId={lead.id}
              contactId={lead.contact?.id ?? null}
            />
          ) : null}
        </Group>
        <Field label={t('leads.contactEmail')} value={lead.contactEmail} />
      </SimpleGrid>
      {utm.length ? (
        <Field label="UTM" value={utm.map(([k, v]) => `${k}=${v}`).join(', ')} />
      ) : null}
      <Title order={3} size="h5">
        {t('leads.links')}
      </Title>
      {lead.contact && lead.status !== 'converted' ? (
        <Alert color="blue" variant="light">
          {t('leads.matched', { name: lead.contact.name })}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Field label={t('leads.contact')} value={lead.contact?.name} />
        <Field label={t('leads.company')} value={lead.company?.name} />
        <Field label={t('leads.deal')} value={lead.deal?.name} />
      </SimpleGrid>
      <RoutingCard
        conversation={{
          leadId: lead.id,
          priority:
            lead.priorityScore === null
              ? null
              : { score: lead.priorityScore, reasons: lead.priorityReasons },
          firstResponseDueAt: lead.firstResponseDueAt,
          firstRespondedAt: lead.firstRespondedAt,
          createdAt: lead.receivedAt,
        }}
      />
      <LeadCustomFields lead={lead} canUpdate={canUpdate} />
      <Select
        label={t('leads.assignee')}
        value={lead.assigneeId ?? ''}
        disabled={!canUpdate}
        onChange={(v) => update.mutate({ assigneeId: v || null })}
        allowDeselect={false}
        searchable
        data={[
          { value: '', label: t('leads.unassigned') },
          ...users.map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
      <Group justify="flex-end">
        <ConfirmButton
          ariaLabel={t('leads.delete')}
          title={t('leads.delete')}
          message={t('leads.deleteConfirm')}
          disabled={!canDelete}
          onConfirm={() => remove.mutate(lead.id, { onSuccess: onDeleted })}
        />
      </Group>
      {converting ? <ConvertDialog lead={lead} onClose={() => setConverting(false)} /> : null}
    </Stack>
  );
}

function LeadCustomFields({ lead, canUpdate }: { lead: Lead; canUpdate: boolean }) {
  const { t } = useTranslation();
  const fields = useCustomFields('leads');
  const [editing, setEditing] = useState(false);
  if (!fields.data?.length) return null;
  return (
    <>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('leads.customFields')}
        </Title>
        <Button size="xs" variant="light" disabled={!canUpdate} onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
      </Group>
      <CustomFieldValues entity="leads" values={lead.custom} />
      {editing ? <CustomValuesDialog lead={lead} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function CustomValuesDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateLead(lead.id);
  const [values, setValues] = useState<CustomValues>(lead.custom);
  const error = isApiError(update.error) ? update.error.field : undefined;
  return (
    <Modal opened onClose={onClose} title={t('leads.customFields')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ custom: values as LeadUpdateBody['custom'] }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <FormAlert message={update.error && !error ? errorMessage(update.error) : null} />
          <CustomFieldInputs
            entity="leads"
            values={values}
            onChange={setValues}
            errors={error ? { [error]: errorMessage(update.error) } : {}}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={update.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
