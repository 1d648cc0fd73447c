import { DUNNING_VARIABLES, type DunningPolicy } from '@voronka/contract';
import { Alert, Button, Group, Loader, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { StepEditor } from './StepEditor';
import {
  bodyOf,
  draftOf,
  ladderErrors,
  starterLadder,
  type LadderDraft,
  type StepDraft,
} from './ladder-draft';
import { useDunningPolicies, useSavePolicy } from './use-dunning';

// The workspace's dunning ladder (its default policy): steps relative to the due date, each by
// e-mail, messenger and/or a task, with a text filled from the invoice.
export function DunningSettingsPage() {
  const { t } = useTranslation();
  const policies = useDunningPolicies();
  const canWrite = useCanWrite('finance', 'update');
  if (policies.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!policies.data) return <FormAlert message={errorMessage(policies.error)} />;
  const current = policies.data.items.find((p) => p.isDefault) ?? policies.data.items[0] ?? null;
  return <LadderEditor policy={current} canWrite={canWrite} />;
}

function LadderEditor({ policy, canWrite }: { policy: DunningPolicy | null; canWrite: boolean }) {
  const { t } = useTranslation();
  const save = useSavePolicy();
  const [draft, setDraftState] = useState<LadderDraft>(() =>
    policy ? draftOf(policy) : starterLadder(),
  );
  const [saved, setSaved] = useState(false);
  // An edit after saving: no longer "saved".
  const setDraft = (next: LadderDraft | ((d: LadderDraft) => LadderDraft)) => {
    setSaved(false);
    setDraftState(next);
  };
  const errors = ladderErrors(save.error);
  const setStep = (i: number, patch: Partial<StepDraft>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const removeStep = (i: number) =>
    setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }));
  const addStep = () =>
    setDraft((d) => {
      const last = d.steps.at(-1)?.offsetDays ?? 0;
      const step: StepDraft = { offsetDays: last + 7, channels: ['email'], subject: '', text: '' };
      return { ...d, steps: [...d.steps, step] };
    });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { id: policy?.id ?? null, body: bodyOf(draft) },
      { onSuccess: (p) => (setDraftState(draftOf(p)), setSaved(true)) },
    );
  };
  return (
    <Stack component="form" onSubmit={submit} maw={820}>
      <Title order={1} size="h2">
        {t('dunning.title')}
      </Title>
      <Text c="dimmed">{t('dunning.intro')}</Text>
      {!policy ? <Alert color="blue">{t('dunning.empty')}</Alert> : null}
      {!canWrite ? <Alert color="gray">{t('dunning.readOnly')}</Alert> : null}
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('dunning.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={errors.name}
          required
          style={{ flex: '1 1 240px' }}
        />
        <Switch
          label={t('dunning.enabled')}
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('dunning.variables', {
          list: DUNNING_VARIABLES.map((v) => `{{${v}}}`).join(', '),
          interpolation: { escapeValue: false },
        })}
      </Text>
      {draft.steps.map((s, i) => (
        <StepEditor
          key={i}
          index={i}
          step={s}
          errors={errors}
          onChange={(patch) => setStep(i, patch)}
          onRemove={draft.steps.length > 1 ? () => removeStep(i) : undefined}
        />
      ))}
      <FormAlert message={save.error ? errorMessage(save.error) : null} />
      <Group>
        <Button variant="default" onClick={addStep} disabled={draft.steps.length >= 12}>
          {t('dunning.addStep')}
        </Button>
        <Button type="submit" loading={save.isPending} disabled={!canWrite}>
          {t('dunning.save')}
        </Button>
        {saved ? (
          <Text c="green" role="status">
            {t('dunning.saved')}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
