import type { CalculatorDefinitionInput } from '@voronka/contract';
import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// How a calculator prices: VAT inside or on top, the minimum order, how formula quantities round.
export function PricingSettings({
  def,
  setDef,
}: {
  def: CalculatorDefinitionInput;
  setDef: (d: CalculatorDefinitionInput) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <Select
        label={t('calculators.vatMode')}
        data={[
          { value: 'included', label: t('calculators.vat.included') },
          { value: 'on_top', label: t('calculators.vat.on_top') },
        ]}
        value={def.vatMode ?? 'included'}
        allowDeselect={false}
        onChange={(v) => setDef({ ...def, vatMode: v === 'on_top' ? 'on_top' : 'included' })}
      />
      <NumberInput
        label={t('calculators.minimum')}
        min={0}
        decimalScale={2}
        value={(def.minimumOrderKopecks ?? 0) / 100}
        onChange={(v) =>
          setDef({
            ...def,
            minimumOrderKopecks: Math.round((typeof v === 'number' ? v : 0) * 100),
          })
        }
      />
      <Select
        label={t('calculators.rounding')}
        data={(['exact', 'up', 'nearest'] as const).map((r) => ({
          value: r,
          label: t(`calculators.roundings.${r}`),
        }))}
        value={def.rounding ?? 'exact'}
        allowDeselect={false}
        onChange={(v) => setDef({ ...def, rounding: (v ?? 'exact') as 'exact' })}
      />
    </Group>
  );
}
