import type { CalcInput, CalcInputType } from '@voronka/contract';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Choice = { value: string; label: string };
const types: CalcInputType[] = ['number', 'range', 'select', 'multiselect', 'checkbox', 'date'];
const num = (v: string | number) => (typeof v === 'number' ? v : undefined);
const text = (v: string) => (v.trim() ? v : undefined);

// One input of the calculator: what the visitor sees (label, unit, bounds, help), what it orders
// (a catalog item, a quantity formula) and when it shows (a condition). Choices list their options.
export function InputEditor(props: {
  input: CalcInput;
  index: number;
  products: Choice[];
  onChange: (next: CalcInput) => void;
  onRemove: () => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { input, index } = props;
  const set = (patch: Partial<CalcInput>) => props.onChange({ ...input, ...patch });
  const at = `definition.inputs.${index}`;
  const choice = input.type === 'select' || input.type === 'multiselect';
  const measured = input.type === 'number' || input.type === 'range';
  return (
    <Card withBorder padding="sm" data-testid={`calc-input-${index}`}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label={t('calculators.key')}
            value={input.key}
            onChange={(e) => set({ key: e.currentTarget.value })}
            error={props.errorOf(`${at}.key`)}
          />
          <Select
            label={t('calculators.type')}
            data={types.map((v) => ({ value: v, label: t(`calculators.types.${v}`) }))}
            value={input.type}
            allowDeselect={false}
            onChange={(v) =>
              set({
                type: (v ?? 'number') as CalcInputType,
                options: v === 'select' || v === 'multiselect' ? (input.options ?? []) : undefined,
              })
            }
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('calculators.labelRu')}
            value={input.label.ru}
            onChange={(e) => set({ label: { ...input.label, ru: e.currentTarget.value } })}
            error={props.errorOf(`${at}.label.ru`)}
          />
          <TextInput
            label={t('calculators.labelEn')}
            value={input.label.en ?? ''}
            onChange={(e) => set({ label: { ...input.label, en: text(e.currentTarget.value) } })}
          />
        </Group>
        {measured ? (
          <Group grow align="flex-start">
            <TextInput
              label={t('calculators.unit')}
              value={input.unit ?? ''}
              onChange={(e) => set({ unit: text(e.currentTarget.value) })}
            />
            <NumberInput
              label={t('calculators.min')}
              value={input.min ?? ''}
              onChange={(v) => set({ min: num(v) })}
              error={props.errorOf(`${at}.min`)}
            />
            <NumberInput
              label={t('calculators.max')}
              value={input.max ?? ''}
              onChange={(v) => set({ max: num(v) })}
              error={props.errorOf(`${at}.max`)}
            />
          </Group>
        ) : null}
        {!choice && input.type !== 'date' ? (
          <Group grow align="flex-start">
            <Select
              label={t('calculators.product')}
              data={props.products}
              value={input.productId ?? null}
              searchable
              clearable
              onChange={(v) => set({ productId: v ?? undefined })}
              error={props.errorOf(`${at}.productId`)}
            />
            <TextInput
              label={t('calculators.quantity')}
              placeholder={t('calculators.quantityHint')}
              value={input.quantity ?? ''}
              onChange={(e) => set({ quantity: text(e.currentTarget.value) })}
              error={props.errorOf(`${at}.quantity`)}
            />
          </Group>
        ) : null}
        {choice ? <OptionsEditor {...props} /> : null}
        <Group grow align="flex-start">
          <TextInput
            label={t('calculators.visibleIf')}
            placeholder="area > 50"
            value={input.visibleIf ?? ''}
            onChange={(e) => set({ visibleIf: text(e.currentTarget.value) })}
            error={props.errorOf(`${at}.visibleIf`)}
          />
          <TextInput
            label={t('calculators.help')}
            value={input.help?.ru ?? ''}
            onChange={(e) =>
              set({ help: text(e.currentTarget.value) ? { ru: e.currentTarget.value } : undefined })
            }
          />
        </Group>
        <Group justify="flex-end">
          <Button size="xs" variant="subtle" color="red" onClick={props.onRemove}>
            {t('calculators.removeInput', { key: input.key })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function OptionsEditor(props: Parameters<typeof InputEditor>[0]) {
  const { t } = useTranslation();
  const options = props.input.options ?? [];
  const at = `definition.inputs.${props.index}.options`;
  const setOptions = (next: typeof options) => props.onChange({ ...props.input, options: next });
  return (
    <Stack gap={4}>
      {options.map((o, j) => (
        <Group key={j} grow align="flex-end" wrap="nowrap">
          <TextInput
            label={t('calculators.optionValue')}
            value={o.value}
            onChange={(e) =>
              setOptions(
                options.map((x, k) => (k === j ? { ...x, value: e.currentTarget.value } : x)),
              )
            }
            error={props.errorOf(`${at}.${j}.value`)}
          />
          <TextInput
            label={t('calculators.optionLabel')}
            value={o.label.ru}
            onChange={(e) =>
              setOptions(
                options.map((x, k) =>
                  k === j ? { ...x, label: { ru: e.currentTarget.value } } : x,
                ),
              )
            }
          />
          <Select
            label={t('calculators.product')}
            data={props.products}
            value={o.productId ?? null}
            clearable
            searchable
            onChange={(v) =>
              setOptions(options.map((x, k) => (k === j ? { ...x, productId: v ?? undefined } : x)))
            }
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('calculators.removeOption', { value: o.value })}
            onClick={() => setOptions(options.filter((_, k) => k !== j))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="xs"
        variant="light"
        onClick={() =>
          setOptions([
            ...options,
            { value: `option${options.length + 1}`, label: { ru: t('calculators.newOption') } },
          ])
        }
      >
        {t('calculators.addOption')}
      </Button>
    </Stack>
  );
}
