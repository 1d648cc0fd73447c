import type { CalcLine } from '@voronka/contract';
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Catalog items added by formulas over the inputs ("ceil(area / 50)" visits), optionally only when
// a condition holds.
export function LinesEditor(props: {
  lines: CalcLine[];
  products: { value: string; label: string }[];
  onChange: (next: CalcLine[]) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { lines } = props;
  const set = (j: number, patch: Partial<CalcLine>) =>
    props.onChange(lines.map((l, k) => (k === j ? { ...l, ...patch } : l)));
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('calculators.lines')}</Text>
      <Text size="sm" c="dimmed">
        {t('calculators.linesHint')}
      </Text>
      {lines.map((l, j) => (
        <Group key={j} grow align="flex-end" wrap="wrap">
          <Select
            label={t('calculators.product')}
            data={props.products}
            value={l.productId || null}
            searchable
            allowDeselect={false}
            onChange={(v) => set(j, { productId: v ?? '' })}
            error={props.errorOf(`definition.lines.${j}.productId`)}
          />
          <TextInput
            label={t('calculators.quantity')}
            value={l.quantity}
            onChange={(e) => set(j, { quantity: e.currentTarget.value })}
            error={props.errorOf(`definition.lines.${j}.quantity`)}
          />
          <TextInput
            label={t('calculators.when')}
            value={l.when ?? ''}
            onChange={(e) =>
              set(j, { when: e.currentTarget.value.trim() ? e.currentTarget.value : undefined })
            }
            error={props.errorOf(`definition.lines.${j}.when`)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('calculators.removeLine', { n: j + 1 })}
            onClick={() => props.onChange(lines.filter((_, k) => k !== j))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={!props.products.length}
          onClick={() =>
            props.onChange([...lines, { productId: props.products[0]!.value, quantity: '1' }])
          }
        >
          {t('calculators.addLine')}
        </Button>
      </Group>
    </Stack>
  );
}
