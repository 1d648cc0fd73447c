import type { CalcInput, CalcValues, CalculatorDefinitionInput, Estimate } from '@voronka/contract';
import {
  Alert,
  Card,
  Checkbox,
  MultiSelect,
  NumberInput,
  Select,
  Slider,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format';
import { usePreview } from './use-calculators';

// The builder's live preview: the inputs as a visitor sees them and the server's estimate of the
// unsaved definition — the same number the widget and a deal get.
export function CalculatorPreview(props: {
  definition: CalculatorDefinitionInput;
  values: CalcValues;
  onValues: (v: CalcValues) => void;
}) {
  const { t } = useTranslation();
  const preview = usePreview(props.definition, props.values);
  const estimate = preview.data;
  const shown = (i: CalcInput) => !estimate || estimate.visible.includes(i.key);
  const set = (key: string, v: CalcValues[string] | undefined) => {
    const next = { ...props.values };
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
    props.onValues(next);
  };
  return (
    <Card withBorder padding="md" aria-label={t('calculators.preview')} component="section">
      <Stack gap="sm">
        <Title order={3}>{t('calculators.preview')}</Title>
        {props.definition.inputs.filter(shown).map((i) => (
          <PreviewInput
            key={i.key}
            input={i}
            value={props.values[i.key]}
            set={(v) => set(i.key, v)}
          />
        ))}
        {preview.error ? (
          <Alert color="red" role="alert">
            {preview.error.detail || preview.error.message}
          </Alert>
        ) : null}
        {estimate ? <EstimateTable estimate={estimate} /> : null}
      </Stack>
    </Card>
  );
}

export function PreviewInput(props: {
  input: CalcInput;
  value: CalcValues[string] | undefined;
  set: (v: CalcValues[string] | undefined) => void;
}) {
  const { input: i, value, set } = props;
  const label = i.label.ru + (i.unit ? `, ${i.unit}` : '');
  const options = (i.options ?? []).map((o) => ({ value: o.value, label: o.label.ru }));
  switch (i.type) {
    case 'checkbox':
      return (
        <Checkbox
          label={label}
          checked={value === true}
          onChange={(e) => set(e.currentTarget.checked)}
        />
      );
    case 'select':
      return (
        <Select
          label={label}
          data={options}
          value={typeof value === 'string' ? value : null}
          clearable
          onChange={(v) => set(v ?? undefined)}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          label={label}
          data={options}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => set(v)}
        />
      );
    case 'date':
      return (
        <TextInput
          type="date"
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.currentTarget.value)}
        />
      );
    case 'range':
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {label}: {typeof value === 'number' ? value : (i.min ?? 0)}
          </Text>
          <Slider
            aria-label={label}
            min={i.min ?? 0}
            max={i.max ?? 100}
            step={i.step ?? 1}
            value={typeof value === 'number' ? value : (i.min ?? 0)}
            onChange={(v) => set(v)}
          />
        </Stack>
      );
    default:
      return (
        <NumberInput
          label={label}
          min={i.min}
          max={i.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => set(typeof v === 'number' ? v : undefined)}
        />
      );
  }
}

export function EstimateTable({ estimate }: { estimate: Estimate }) {
  const { t } = useTranslation();
  const { totals } = estimate;
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={260}>
        <Table aria-label={t('calculators.estimate')}>
          <Table.Tbody>
            {estimate.lines.map((l, n) => (
              <Table.Tr key={n}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{`${l.quantity} ${l.unit}`}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.totalKopecks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text fw={700} size="lg" data-testid="calc-total">
        {t('calculators.total')}: {formatMoney(totals.totalKopecks)}
      </Text>
      <Text size="sm">
        {totals.vatKopecks
          ? `${t(`calculators.vat.${estimate.vatMode}`)}: ${formatMoney(totals.vatKopecks)}`
          : t('calculators.noVat')}
      </Text>
      {totals.marginKopecks !== undefined && totals.marginKopecks !== null ? (
        <Text size="sm" c="dimmed">
          {t('calculators.costMargin', {
            cost: formatMoney(totals.costKopecks ?? 0),
            margin: formatMoney(totals.marginKopecks),
          })}
        </Text>
      ) : null}
      {estimate.minimumApplied ? <Text size="sm">{t('calculators.minimumApplied')}</Text> : null}
    </Stack>
  );
}
