import type { SlaPolicy, SlaPolicyCreateBody } from '@voronka/contract';
import {
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import {
  type DurationUnit,
  durationUnits,
  entryFromSeconds,
  formatSeconds,
  secondsFromEntry,
} from './duration';
import { channelLabel, routingChannels } from './labels';
import { problemFieldErrors } from './problem-fields';
import { useSlaMutations } from './use-routing';

const fields = [
  'name',
  'enabled',
  'channels',
  'minPriority',
  'responseSeconds',
  'businessHours',
  'warnPercent',
  'maxMoves',
] as const;

type Draft = {
  name: string;
  enabled: boolean;
  channels: string[];
  minPriority: number | '';
  amount: number | string;
  unit: DurationUnit;
  businessHours: boolean;
  warnPercent: number | '';
  maxMoves: number | '';
};

function draftFrom(p: SlaPolicy | null): Draft {
  const entry = entryFromSeconds(p?.responseSeconds ?? 900);
  return {
    name: p?.name ?? '',
    enabled: p?.enabled ?? true,
    channels: p?.channels ?? [],
    minPriority: p?.minPriority ?? '',
    amount: entry.value,
    unit: entry.unit,
    businessHours: p?.businessHours ?? true,
    warnPercent: p?.warnPercent ?? 80,
    maxMoves: p?.maxMoves ?? 2,
  };
}

// Create or edit an SLA policy: which requests it covers and how soon the first answer is due.
export function SlaPolicyDialog({
  policy,
  onClose,
}: {
  policy: SlaPolicy | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { save } = useSlaMutations();
  const [d, setD] = useState<Draft>(() => draftFrom(policy));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const server = problemFieldErrors(save.error, fields);
  const err = (k: string) => local[k] ?? server.byField[k];
  const seconds = secondsFromEntry(d.amount, d.unit);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!d.name.trim()) problems.name = t('validation.required');
    if (seconds === null) problems.responseSeconds = t('routingSettings.sla.timeRequired');
    setLocal(problems);
    if (Object.keys(problems).length || seconds === null) return;
    const body: SlaPolicyCreateBody = {
      name: d.name.trim(),
      enabled: d.enabled,
      channels: d.channels as SlaPolicyCreateBody['channels'],
      minPriority: d.minPriority === '' ? null : d.minPriority,
      responseSeconds: seconds,
      businessHours: d.businessHours,
      warnPercent: d.warnPercent === '' ? 80 : d.warnPercent,
      maxMoves: d.maxMoves === '' ? 0 : d.maxMoves,
    };
    save.mutate({ id: policy?.id ?? null, body }, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={policy ? t('routingSettings.sla.editTitle') : t('routingSettings.sla.createTitle')}
    >
      <form onSubmit={submit} noValidate aria-label={t('routingSettings.sla.form')}>
        <Stack>
          <FormAlert message={save.error ? server.rest : null} />
          <TextInput
            label={t('routingSettings.sla.name')}
            required
            data-autofocus
            value={d.name}
            maxLength={200}
            error={err('name')}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Switch
            label={t('routingSettings.sla.enabled')}
            checked={d.enabled}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          <MultiSelect
            label={t('routingSettings.sla.channels')}
            placeholder={d.channels.length ? undefined : t('routingSettings.sla.allChannels')}
            data={routingChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
            value={d.channels}
            onChange={(v) => set('channels', v)}
            error={err('channels')}
            clearable
          />
          <NumberInput
            label={t('routingSettings.sla.minPriority')}
            description={t('routingSettings.sla.minPriorityHint')}
            min={0}
            max={100}
            allowDecimal={false}
            value={d.minPriority}
            onChange={(v) => set('minPriority', typeof v === 'number' ? v : '')}
            error={err('minPriority')}
          />
          <ResponseTime draft={d} set={set} error={err('responseSeconds')} seconds={seconds} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="sla-clock-label">
              {t('routingSettings.sla.clock')}
            </Text>
            <SegmentedControl
              aria-labelledby="sla-clock-label"
              data={[
                { value: 'business', label: t('routingSettings.sla.businessHours') },
                { value: 'always', label: t('routingSettings.sla.aroundTheClock') },
              ]}
              value={d.businessHours ? 'business' : 'always'}
              onChange={(v) => set('businessHours', v === 'business')}
            />
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label={t('routingSettings.sla.warnPercent')}
              description={t('routingSettings.sla.warnPercentHint')}
              min={1}
              max={99}
              allowDecimal={false}
              suffix=" %"
              value={d.warnPercent}
              onChange={(v) => set('warnPercent', typeof v === 'number' ? v : '')}
              error={err('warnPercent')}
            />
            <NumberInput
              label={t('routingSettings.sla.maxMoves')}
              description={t('routingSettings.sla.maxMovesHint')}
              min={0}
              max={20}
              allowDecimal={false}
              value={d.maxMoves}
              onChange={(v) => set('maxMoves', typeof v === 'number' ? v : '')}
              error={err('maxMoves')}
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

// The answer time as an amount and a unit, with what it comes to ("= 1 h 30 min").
function ResponseTime({
  draft,
  set,
  error,
  seconds,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  error: string | undefined;
  seconds: number | null;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <NumberInput
          label={t('routingSettings.sla.responseTime')}
          required
          min={0}
          decimalScale={2}
          value={draft.amount}
          onChange={(v) => set('amount', v)}
          error={error}
          style={{ flex: 1 }}
        />
        <Select
          label={t('routingSettings.sla.unit')}
          data={durationUnits.map((u) => ({
            value: u,
            label: t(`routingSettings.sla.units.${u}`),
          }))}
          value={draft.unit}
          onChange={(v) => v && set('unit', v as DurationUnit)}
          allowDeselect={false}
          w={130}
        />
      </Group>
      {seconds !== null ? (
        <Text size="xs" c="dimmed" mt={4} data-testid="sla-duration-preview">
          {t('routingSettings.sla.equals', { duration: formatSeconds(seconds, t) })}
        </Text>
      ) : null}
    </div>
  );
}
