import type { RoutingRule } from '@voronka/contract';
import {
  Drawer,
  Fieldset,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useForms } from '../forms/use-forms';
import { useActiveUsers, useTeams } from '../teams/use-teams';
import { channelLabel, routingChannels, strategies, strategyLabel } from './labels';
import { problemFieldErrors } from './problem-fields';
import { timeZoneOptions } from './time-zones';
import { bodyFromDraft, draftFromRule, listConditions, type RuleDraft } from './rule-draft';
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
  const forms = useForms();
  const [draft, setDraft] = useState<RuleDraft>(() => draftFromRule(rule));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setLocal(({ [k]: _dropped, ...rest }) => rest);
  };
  const server = problemFieldErrors(save.error, fields);
  const err = (k: string) => local[k] ?? server.byField[k];
  const tags = (
    k: 'sources' | 'utmSource' | 'utmMedium' | 'utmCampaign' | 'mentions' | 'tags' | 'countries',
    extra: { description?: string } = {},
  ) => (
    <TagsInput
      label={t(`routingSettings.conditions.${k}`)}
      value={draft[k]}
      onChange={(v) => set(k, v)}
      error={err(k)}
      splitChars={[',']}
      clearable
      {...extra}
    />
  );

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
          <Fieldset legend={t('routingSettings.rule.conditions')}>
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                {t('routingSettings.rule.conditionsHint')}
              </Text>
              <MultiSelect
                label={t('routingSettings.conditions.channels')}
                data={routingChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
                value={draft.channels}
                onChange={(v) => set('channels', v as RuleDraft['channels'])}
                error={err('channels')}
                clearable
              />
              <MultiSelect
                label={t('routingSettings.conditions.formIds')}
                data={(forms.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                value={draft.formIds}
                onChange={(v) => set('formIds', v)}
                error={err('formIds')}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
              />
              {tags('sources', { description: t('routingSettings.rule.sourcesHint') })}
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                {tags('utmSource')}
                {tags('utmMedium')}
                {tags('utmCampaign')}
              </SimpleGrid>
              {tags('mentions', { description: t('routingSettings.rule.mentionsHint') })}
              {tags('tags')}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {tags('countries', { description: t('routingSettings.rule.countriesHint') })}
                <MultiSelect
                  label={t('routingSettings.conditions.timeZones')}
                  description={t('routingSettings.rule.timeZonesHint')}
                  data={timeZoneOptions()}
                  value={draft.timeZones}
                  onChange={(v) => set('timeZones', v)}
                  error={err('timeZones')}
                  searchable
                  clearable
                  limit={100}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <MultiSelect
                  label={t('routingSettings.conditions.languages')}
                  data={[
                    { value: 'ru', label: t('routingSettings.languages.ru') },
                    { value: 'en', label: t('routingSettings.languages.en') },
                  ]}
                  value={draft.languages}
                  onChange={(v) => set('languages', v as RuleDraft['languages'])}
                  error={err('languages')}
                  clearable
                />
              </SimpleGrid>
              <NumberInput
                label={t('routingSettings.conditions.minPriority')}
                description={t('routingSettings.rule.minPriorityHint')}
                min={0}
                max={100}
                allowDecimal={false}
                value={draft.minPriority}
                onChange={(v) => set('minPriority', typeof v === 'number' ? v : '')}
                error={err('minPriority')}
              />
            </Stack>
          </Fieldset>
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
