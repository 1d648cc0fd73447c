import type { RoutingRule } from '@voronka/contract';
import {
  Button,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { useForms } from '../forms';
import { DryRunResultView } from './DryRunResultView';
import { channelLabel, routingChannels } from './labels';
import { emptySample, type SampleDraft, sampleFromDraft } from './sample-draft';
import { useDryRun } from './use-routing';

type Props = {
  rules: RoutingRule[];
  ruleId: string | null;
  onRuleChange: (id: string | null) => void;
};

// "Check a rule": type a request as it could arrive and see where it would go, without sending anything.
export function DryRunPanel({ rules, ruleId, onRuleChange }: Props) {
  const { t } = useTranslation();
  const forms = useForms();
  const dryRun = useDryRun();
  const [draft, setDraft] = useState<SampleDraft>(emptySample);
  const set = <K extends keyof SampleDraft>(k: K, v: SampleDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const text = (
    k: 'source' | 'utmSource' | 'utmMedium' | 'utmCampaign' | 'subject' | 'phone' | 'email',
    type = 'text',
  ) => (
    <TextInput
      label={t(`routingSettings.sample.${k}`)}
      type={type}
      value={draft[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dryRun.mutate({ ruleId, sample: sampleFromDraft(draft) });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="dry-run-title">
      <Stack>
        <div>
          <Title order={2} size="h4" id="dry-run-title">
            {t('routingSettings.dryRun.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('routingSettings.dryRun.hint')}
          </Text>
        </div>
        <form onSubmit={submit} noValidate aria-label={t('routingSettings.dryRun.title')}>
          <Stack gap="sm">
            <Select
              label={t('routingSettings.dryRun.which')}
              data={[
                { value: '', label: t('routingSettings.dryRun.allRules') },
                ...rules.map((r) => ({ value: r.id, label: r.name })),
              ]}
              value={ruleId ?? ''}
              onChange={(v) => onRuleChange(v || null)}
              allowDeselect={false}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('routingSettings.sample.channel')}
                data={routingChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
                value={draft.channel}
                onChange={(v) => v && set('channel', v as SampleDraft['channel'])}
                allowDeselect={false}
              />
              <Select
                label={t('routingSettings.sample.form')}
                data={(forms.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                value={draft.formId}
                onChange={(v) => set('formId', v)}
                clearable
              />
              {text('source')}
              {text('utmSource')}
              {text('utmMedium')}
              {text('utmCampaign')}
              {text('phone', 'tel')}
              {text('email', 'email')}
            </SimpleGrid>
            {text('subject')}
            <Textarea
              label={t('routingSettings.sample.text')}
              autosize
              minRows={3}
              maxRows={10}
              value={draft.text}
              onChange={(e) => set('text', e.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TagsInput
                label={t('routingSettings.sample.tags')}
                value={draft.tags}
                onChange={(v) => set('tags', v)}
                splitChars={[',']}
              />
              <TextInput
                label={t('routingSettings.sample.at')}
                description={t('routingSettings.sample.atHint')}
                type="datetime-local"
                value={draft.at}
                onChange={(e) => set('at', e.currentTarget.value)}
              />
            </SimpleGrid>
            <FormAlert message={dryRun.error ? errorMessage(dryRun.error) : null} />
            <div>
              <Button type="submit" loading={dryRun.isPending}>
                {t('routingSettings.dryRun.run')}
              </Button>
            </div>
          </Stack>
        </form>
        {dryRun.data ? <DryRunResultView result={dryRun.data} /> : null}
      </Stack>
    </Paper>
  );
}
