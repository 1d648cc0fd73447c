import { WorkspaceUpdateBody, type Workspace } from '@voronka/contract';
import { Button, Card, Loader, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../lib/form-errors';
import { useCanWrite } from '../../lib/use-can-write';
import { useFormState } from '../../lib/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { TimeZonePicker } from '../../ui/TimeZonePicker';
import { useUpdateWorkspace, useWorkspace } from './use-workspace';

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <Stack maw={640}>
      <PageHeader title={t('workspace.title')} />
      {ws.data ? (
        <WorkspaceForm workspace={ws.data} />
      ) : (
        <Loader aria-label={t('common.loading')} />
      )}
    </Stack>
  );
}

function WorkspaceForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite('workspace', 'update');
  const form = useFormState({
    name: workspace.name,
    timezone: workspace.timezone,
    locale: workspace.locale,
  });
  const [requireTwoFactor, setRequireTwoFactor] = useState(workspace.requireTwoFactor);
  useEffect(() => setRequireTwoFactor(workspace.requireTwoFactor), [workspace.requireTwoFactor]);

  const save = useUpdateWorkspace({
    onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
    onError: form.fail,
  });
  const submit = form.onSubmit(
    (values) => validate(WorkspaceUpdateBody, { ...values, requireTwoFactor }),
    (body) => save.mutate(body),
  );
  const set = (k: 'timezone' | 'locale') => (v: string | null) =>
    v && form.setValues((s) => ({ ...s, [k]: v }));

  return (
    <Card withBorder component="form" onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <TextInput
          label={t('workspace.name')}
          required
          disabled={!canWrite}
          {...form.field('name')}
        />
        <TimeZonePicker
          label={t('workspace.timezone')}
          value={form.values.timezone}
          onChange={set('timezone')}
          error={form.errors.timezone}
          disabled={!canWrite}
        />
        <Select
          label={t('workspace.locale')}
          data={[
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
          value={form.values.locale}
          onChange={set('locale')}
          error={form.errors.locale}
          allowDeselect={false}
          disabled={!canWrite}
        />
        <Switch
          label={t('workspace.requireTwoFactor')}
          description={t('workspace.requireTwoFactorHint')}
          checked={requireTwoFactor}
          onChange={(e) => setRequireTwoFactor(e.currentTarget.checked)}
          disabled={!canWrite}
        />
        <Button type="submit" loading={save.isPending} disabled={!canWrite} w="fit-content">
          {t('common.save')}
        </Button>
      </Stack>
    </Card>
  );
}
