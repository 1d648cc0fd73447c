import {
  Fieldset,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForms } from '../forms';
import { channelLabel, routingChannels } from './labels';
import type { RuleDraft } from './rule-draft';
import { TimeZonesPicker } from '../../ui/TimeZonePicker';

// When a routing rule applies: channels, forms, sources and UTM tags, words, tags, countries, time
// zones, languages and a least priority. Empty means any.
export function RuleConditions({
  draft,
  set,
  err,
}: {
  draft: RuleDraft;
  set: <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => void;
  err: (k: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const forms = useForms();
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

  return (
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
          <TimeZonesPicker
            label={t('routingSettings.conditions.timeZones')}
            description={t('routingSettings.rule.timeZonesHint')}
            value={draft.timeZones}
            onChange={(v) => set('timeZones', v)}
            error={err('timeZones')}
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
  );
}
