import { AutomationCreateBody, type Automation, type Pipeline } from '@voronka/contract';
import { Alert, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { DialogActions } from '../../ui/DialogActions';
import { ActionRows } from './ActionRows';
import { ConditionRows } from './ConditionRows';
import { HookUrl } from './HookUrl';
import { emptyDraft, fromAutomation, sentence, toDefinition, type RuleDraft } from './rule-draft';
import { TriggerFields } from './TriggerFields';
import { useSaveAutomation } from './use-automations';

// The builder: when → if → wait → do, read back as one sentence while it is being made.
export function RuleDialog(props: {
  rule: Automation | null;
  pipelines: Pipeline[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RuleDraft>(() =>
    props.rule ? fromAutomation(props.rule) : emptyDraft(props.pipelines[0]),
  );
  const [error, setError] = useState<string | null>(null);
  const save = useSaveAutomation(props.rule?.id ?? null, {
    onSuccess: props.onClose,
    onError: (e: ApiError) =>
      setError(e.field ? `${errorMessage(e)} (${e.field})` : errorMessage(e)),
  });
  const patch = (p: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...p }));
  const stageName = (id: string) =>
    props.pipelines.flatMap((p) => p.stages).find((s) => s.id === id)?.name ?? '…';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { name: draft.name, definition: toDefinition(draft) };
    const checked = AutomationCreateBody.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      return setError(`${t('validation.invalid')}: ${issue.path.join('.')}`);
    }
    setError(null);
    save.mutate(body);
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      size="xl"
      title={t(props.rule ? 'automations.editTitle' : 'automations.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label={t('automations.name')}
            required
            data-autofocus
            value={draft.name}
            onChange={(e) => patch({ name: e.currentTarget.value })}
          />
          <TriggerFields draft={draft} pipelines={props.pipelines} onChange={patch} />
          {draft.trigger === 'webhook.incoming' ? (
            <HookUrl
              ruleId={
                props.rule?.definition.trigger.kind === 'webhook.incoming' ? props.rule.id : null
              }
            />
          ) : null}
          <ConditionRows draft={draft} onChange={patch} />
          <Group align="flex-end">
            <NumberInput
              label={t('automations.delay')}
              min={0}
              max={99999}
              w={140}
              value={draft.delay}
              onChange={(v) => patch({ delay: Number(v) || 0 })}
            />
            <Select
              aria-label={t('automations.delayUnit')}
              w={140}
              allowDeselect={false}
              data={(['minutes', 'hours', 'days'] as const).map((u) => ({
                value: u,
                label: t(`automations.unit.${u}`),
              }))}
              value={draft.delayUnit}
              onChange={(v) => v && patch({ delayUnit: v as RuleDraft['delayUnit'] })}
            />
          </Group>
          <ActionRows draft={draft} pipelines={props.pipelines} onChange={patch} />
          <Text size="sm" c="dimmed" data-testid="rule-sentence">
            {sentence(draft, t, stageName)}
          </Text>
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={props.onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
