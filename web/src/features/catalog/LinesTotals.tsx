import type { DocumentMoney, VatMode } from '@voronka/contract';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/money';

// The totals under the lines: without VAT, VAT per rate («в том числе» when prices include it),
// the total; the margin only when the server sent it (the margin right) and nothing is unsaved.
export function LinesTotals({
  totals,
  mode,
  margin,
}: {
  totals: DocumentMoney | null;
  mode: VatMode;
  margin: number | null | undefined;
}) {
  const { t } = useTranslation();
  if (!totals)
    return (
      <Text size="sm" c="red" role="status">
        {t('catalog.lines.fixErrors')}
      </Text>
    );
  const row = (label: string, value: number, strong = false, id?: string) => (
    <Group key={label} justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} data-testid={id} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(value)}
      </Text>
    </Group>
  );
  const vatPrefix =
    mode === 'included' ? t('catalog.lines.vatIncluded') : t('catalog.lines.vatOnTop');
  return (
    <Stack gap={2} miw={260} role="status" aria-live="polite">
      {row(t('catalog.lines.net'), totals.netKopecks)}
      {totals.vatByRate
        .filter((v) => v.rate !== null)
        .map((v) =>
          row(v.rate === null ? t('catalog.noVat') : `${vatPrefix} ${v.rate} %`, v.vatKopecks),
        )}
      {totals.discountKopecks > 0
        ? row(t('catalog.lines.discounts'), totals.discountKopecks)
        : null}
      {row(t('catalog.lines.grandTotal'), totals.totalKopecks, true, 'lines-total')}
      {typeof margin === 'number' ? row(t('catalog.lines.margin'), margin) : null}
    </Stack>
  );
}
