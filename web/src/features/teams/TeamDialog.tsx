import { TeamCreateBody, type Team, type User } from '@voronka/contract';
import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useSaveTeam } from './use-teams';

// team === null creates a team; otherwise renames it or changes its head.
export function TeamDialog({
  team,
  users,
  onClose,
}: {
  team: Team | null;
  users: User[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useFormState({ name: team?.name ?? '', headId: team?.headId ?? '' });
  const save = useSaveTeam(team, { onSuccess: onClose, onError: form.fail });
  const submit = form.onSubmit(
    (values) => validate(TeamCreateBody, { name: values.name, headId: values.headId || null }),
    (body) => save.mutate(body),
  );
  return (
    <Modal opened onClose={onClose} title={t(team ? 'teams.editTitle' : 'teams.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('teams.name')} required data-autofocus {...form.field('name')} />
          <Select
            label={t('teams.head')}
            data={[
              { value: '', label: t('teams.noHead') },
              ...users.map((u) => ({ value: u.id, label: u.name })),
            ]}
            value={form.values.headId}
            onChange={(v) => form.setValues((s) => ({ ...s, headId: v ?? '' }))}
            error={form.errors.headId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
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
