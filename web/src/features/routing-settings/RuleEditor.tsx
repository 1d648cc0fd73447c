import type { RoutingRule } from '@voronka/contract';
import { Drawer, Radio, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useActiveUsers, useTeams } from '../teams';
import { strategies, strategyLabel } from './labels';
import { problemFieldErrors } from './problem-fields';
import { bodyFromDraft, draftFromRule, listConditions, type RuleDraft } from './rule-draft';
import { RuleConditions } from './RuleConditions';
import { useRuleMutations } from './use-routing';

const fields = [
  'name',
  'enabled',
  'strategy',
  'teamId',
  'memberId',
  'minPriority',
  ...listConditions,
] as const;

// Create or edit one routing rule: who gets the request (strategy, team, manager) and when the rule applies.
export function RuleEditor({ rule, onClose }: { rule: RoutingRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const { save } = useRuleMutations();
  const teams = useTeams();
  const users = useActiveUsers();
  const [draft, setDraft] = useState<RuleDraft>(() => draftFromRule(rule));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setLocal(({ [k]: _dropped, ...rest }) => rest);
  };
  const server = problemFieldErrors(save.error, fields);
  const err = (k: string) => local[k] ?? server.byField[k];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.name.trim()) problems.name = t('validation.required');
    if (draft.strategy === 'named' && !draft.memberId)
      problems.memberId = t('routingSettings.rule.memberRequired');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate({ id: rule?.id ?? null, body: bodyFromDraft(draft) }, { onSuccess: onClose });
  };

  return (
    <Drawer
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.cancel') }}
      position="right"
      size={narrow ? '100%' : 'lg'}
      title={rule ? t('routingSettings.rule.editTitle') : t('routingSettings.rule.createTitle')}
    >
      <form onSubmit={submit} noValidate aria-label={t('routingSettings.rule.form')}>
        <Stack>
          <FormAlert message={save.error ? server.rest : null} />
          <TextInput
            label={t('routingSettings.rule.name')}
            required
            data-autofocus
            value={draft.name}
            maxLength={200}
            error={err('name')}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Switch
            label={t('routingSettings.rule.enabled')}
            checked={draft.enabled}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          <Radio.Group
            label={t('routingSettings.rule.strategy')}
            value={draft.strategy}
            onChange={(v) => set('strategy', v as RuleDraft['strategy'])}
            error={err('strategy')}
          >
            <Stack gap={6} mt={4}>
              {strategies.map((s) => (
                <Radio
                  key={s}
                  value={s}
                  label={strategyLabel(t, s)}
                  description={t(`routingSettings.strategyHints.${s}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Select
            label={t('routingSettings.rule.team')}
            description={t('routingSettings.rule.teamHint')}
            placeholder={t('routingSettings.rule.anyTeam')}
            data={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={draft.teamId}
            onChange={(v) => set('teamId', v)}
            clearable
            searchable
            error={err('teamId')}
          />
          {draft.strategy === 'named' ? (
            <Select
              label={t('routingSettings.rule.member')}
              required
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={draft.memberId}
              onChange={(v) => set('memberId', v)}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              error={err('memberId')}
            />
          ) : null}
          <RuleConditions draft={draft} set={set} err={err} />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Drawer>
  );
}
