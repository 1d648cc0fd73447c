import type { DealLines, VatMode, VatRate } from '@voronka/contract';
import { Button, Card, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { dealKey } from '../deals/use-deals';
import { draftFromLine, draftMoney, emptyDraft, type LineDraft } from './line-draft';
import { LineRow } from './LineRow';
import { LinesTotals } from './LinesTotals';
import { dealLinesKey, saveDealLines, useDealLines, useVatRates } from './use-catalog';

// «Позиции» on the deal card: line items with live totals computed by the same money functions
// as the server; saving replaces the whole list and the deal's amount follows its total.
export function DealLinesPanel({ dealId, canEdit }: { dealId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const lines = useDealLines(dealId);
  const rates = useVatRates();
  if (lines.isPending) return null;
  if (!lines.data) return <Text c="red">{errorMessage(lines.error)}</Text>;
  return (
    <LinesEditor
      key={lines.dataUpdatedAt}
      dealId={dealId}
      saved={lines.data}
      rates={rates.data ?? []}
      canEdit={canEdit}
      title={t('catalog.lines.title')}
    />
  );
}

export function LinesEditor({
  dealId,
  saved,
  rates,
  canEdit,
  title,
}: {
  dealId: string;
  saved: DealLines;
  rates: VatRate[];
  canEdit: boolean;
  title: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<VatMode>(saved.vatMode);
  const [drafts, setDrafts] = useState<LineDraft[]>(() => saved.lines.map(draftFromLine));
  const [dirty, setDirty] = useState(false);
  useEffect(() => setDirty(false), [saved]);
  const money = draftMoney(drafts, mode);
  const defaultRate = rates.find((r) => r.rate !== null)?.rate ?? 22;
  const change = (next: LineDraft[]) => {
    setDrafts(next);
    setDirty(true);
  };
  const save = useMutation({
    mutationFn: () => saveDealLines(dealId, money.body!),
    onSuccess: (result) => {
      qc.setQueryData(dealLinesKey(dealId), result);
      void qc.invalidateQueries({ queryKey: dealKey(dealId) });
      void qc.invalidateQueries({ queryKey: ['board'] });
      notifications.show({ color: 'green', message: t('catalog.lines.saved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        <SegmentedControl
          size="xs"
          value={mode}
          disabled={!canEdit}
          onChange={(v) => {
            setMode(v as VatMode);
            setDirty(true);
          }}
          aria-label={t('catalog.lines.vatMode')}
          data={[
            { value: 'included', label: t('catalog.vatMode.included') },
            { value: 'on_top', label: t('catalog.vatMode.on_top') },
          ]}
        />
      </Group>
      {drafts.length === 0 ? (
        <Text c="dimmed" size="sm" mb="sm">
          {t('catalog.lines.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing={4} horizontalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalog.lines.name')}</Table.Th>
                <Table.Th w={80}>{t('catalog.lines.quantity')}</Table.Th>
                <Table.Th w={90}>{t('catalog.lines.unit')}</Table.Th>
                <Table.Th w={110}>{t('catalog.lines.price')}</Table.Th>
                <Table.Th w={180}>{t('catalog.lines.discount')}</Table.Th>
                <Table.Th w={100}>{t('catalog.lines.vat')}</Table.Th>
                <Table.Th w={120} ta="right">
                  {t('catalog.lines.total')}
                </Table.Th>
                <Table.Th w={36} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drafts.map((d, i) => (
                <LineRow
                  key={d.key}
                  draft={d}
                  index={i}
                  money={money.lines[i]!}
                  rates={rates}
                  disabled={!canEdit}
                  onChange={(next) => change(drafts.map((x) => (x.key === d.key ? next : x)))}
                  onRemove={() => change(drafts.filter((x) => x.key !== d.key))}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" align="flex-start" mt="sm" wrap="wrap">
        <Group gap="xs">
          {canEdit ? (
            <Button
              variant="default"
              size="xs"
              onClick={() => change([...drafts, emptyDraft(String(defaultRate))])}
            >
              {t('catalog.lines.add')}
            </Button>
          ) : null}
          {canEdit && dirty ? (
            <>
              <Button
                size="xs"
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={!money.body}
              >
                {t('common.save')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => {
                  setDrafts(saved.lines.map(draftFromLine));
                  setMode(saved.vatMode);
                  setDirty(false);
                }}
              >
                {t('common.cancel')}
              </Button>
            </>
          ) : null}
        </Group>
        <LinesTotals
          totals={money.totals}
          mode={mode}
          margin={dirty ? undefined : saved.totals.marginKopecks}
        />
      </Group>
    </Card>
  );
}
