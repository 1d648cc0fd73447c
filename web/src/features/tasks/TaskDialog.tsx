import { TaskCreateBody } from '@voronka/contract';
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { useCreateTask } from './use-tasks';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';

const kinds = ['call', 'meeting', 'email', 'todo'] as const;
const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

// A new task, optionally about a deal, contact, company or lead. The reminder time is stored;
// sending reminders comes with notifications (a later issue).
export function TaskDialog({
  links = {},
  onClose,
}: {
  links?: { dealId?: string; contactId?: string; companyId?: string; leadId?: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useFormState({ title: '', kind: 'call', dueAt: '', remindAt: '' });
  const save = useCreateTask({ onSuccess: onClose, onError: form.fail });
  const submit = form.onSubmit(
    (v) =>
      validate(TaskCreateBody, {
        title: v.title,
        kind: v.kind,
        dueAt: toIso(v.dueAt),
        remindAt: toIso(v.remindAt),
        ...links,
      }),
    (body) => save.mutate(body),
  );
  return (
    <Modal opened onClose={onClose} title={t('tasks.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('tasks.name')} required data-autofocus {...form.field('title')} />
          <Select
            label={t('tasks.kindLabel')}
            data={kinds.map((k) => ({ value: k, label: t(`tasks.kind.${k}`) }))}
            value={form.values.kind}
            onChange={(v) => form.setValues((s) => ({ ...s, kind: v ?? 'todo' }))}
            allowDeselect={false}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('tasks.due')} type="datetime-local" {...form.field('dueAt')} />
            <TextInput
              label={t('tasks.remind')}
              type="datetime-local"
              description={t('tasks.remindLater')}
              {...form.field('remindAt')}
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
