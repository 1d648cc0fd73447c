import type {
  CalcInput,
  CalcValues,
  DealLines,
  Estimate,
  PublicCalculator,
} from '@voronka/contract';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCreateDocument, useLegalEntities } from '../documents/use-documents';
import { EstimateTable, PreviewInput } from './CalculatorPreview';
import { useCalculators } from './use-calculators';

// «Рассчитать» on a deal card: a published calculator filled in here, its estimate evaluated by the
// server (the published version, as the widget), then applied as the deal's line items (the server
// computes them again) and, if wanted, printed at once as a commercial proposal (КП: a quote draft
// from the deal, opened on its page to issue and download).
export function DealCalculatorButton({
  dealId,
  canPrint,
  onApplied,
}: {
  dealId: string;
  canPrint: boolean;
  // The deal card refreshes its lines and amount (the deal's feature owns those caches).
  onApplied: (lines: DealLines) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const published = (useCalculators().data ?? []).filter((c) => c.publishedVersion !== null);
  if (!published.length) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('calculators.deal.open')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('calculators.deal.title')}
        size="lg"
      >
        <DealCalculator
          dealId={dealId}
          canPrint={canPrint}
          choices={published.map((c) => ({ value: c.id, label: c.name, key: c.publicKey }))}
          onApplied={onApplied}
          onDone={() => setOpen(false)}
        />
      </Modal>
    </>
  );
}

function useEvaluate(id: string | null, values: CalcValues) {
  const body = JSON.stringify(values);
  const [debounced, setDebounced] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(body), 300);
    return () => clearTimeout(timer);
  }, [body]);
  return useQuery<Estimate>({
    queryKey: ['calculators', id, 'evaluate', debounced],
    queryFn: () =>
      api.post(
        '/calculators/:id/evaluate',
        { values: JSON.parse(debounced) as CalcValues },
        { params: { id: id! } },
      ),
    enabled: Boolean(id),
    retry: false,
    placeholderData: (prev) => prev,
  });
}

function DealCalculator(props: {
  dealId: string;
  canPrint: boolean;
  choices: { value: string; label: string; key: string }[];
  onApplied: (lines: DealLines) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [id, setId] = useState<string | null>(props.choices[0]?.value ?? null);
  const [values, setValues] = useState<CalcValues>({});
  const key = props.choices.find((c) => c.value === id)?.key;
  // The published definition, as the website shows it (the builder's may be a newer draft).
  const definition = useQuery({
    queryKey: ['calculators', 'published', key],
    queryFn: async () => {
      const res = await fetch(`/api/public/calculators/${encodeURIComponent(key!)}`);
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as PublicCalculator;
    },
    enabled: Boolean(key),
  });
  const estimate = useEvaluate(id, values);
  const entities = useLegalEntities(props.canPrint);
  const createDocument = useCreateDocument();
  const apply = useMutation({
    mutationFn: () =>
      api.post('/calculators/:id/apply', { dealId: props.dealId, values }, { params: { id: id! } }),
    onSuccess: (lines) => {
      props.onApplied(lines);
      void qc.invalidateQueries({ queryKey: ['discount-approvals'] });
    },
  });
  const run = async (print: boolean) => {
    try {
      await apply.mutateAsync();
      if (!print) {
        notifications.show({ color: 'green', message: t('calculators.deal.applied') });
        props.onDone();
        return;
      }
      const entity = entities.data?.items[0];
      if (!entity) throw new Error(t('documents.noEntities'));
      const doc = await createDocument.mutateAsync({
        dealId: props.dealId,
        type: 'quote',
        legalEntityId: entity.id,
      });
      props.onDone();
      void navigate(`/documents/${doc.id}`);
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  };
  const set = (k: string, v: CalcValues[string] | undefined) => {
    const next = { ...values };
    if (v === undefined || v === '') delete next[k];
    else next[k] = v;
    setValues(next);
  };
  const shown = (i: CalcInput) => !estimate.data || estimate.data.visible.includes(i.key);
  const busy = apply.isPending || createDocument.isPending;
  return (
    <Stack>
      <Select
        label={t('calculators.deal.pick')}
        data={props.choices.map(({ value, label }) => ({ value, label }))}
        value={id}
        onChange={(v) => {
          setId(v);
          setValues({});
        }}
        allowDeselect={false}
      />
      {(definition.data?.definition.inputs ?? []).filter(shown).map((i) => (
        <PreviewInput key={i.key} input={i} value={values[i.key]} set={(v) => set(i.key, v)} />
      ))}
      {estimate.error ? (
        <Alert color="red" role="alert">
          {errorMessage(estimate.error)}
        </Alert>
      ) : null}
      {estimate.data ? <EstimateTable estimate={estimate.data} /> : null}
      <Text size="sm" c="dimmed">
        {t('calculators.deal.replaces')}
      </Text>
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => void run(false)}
          loading={busy}
          disabled={!estimate.data?.lines.length || Boolean(estimate.error)}
        >
          {t('calculators.deal.apply')}
        </Button>
        {props.canPrint ? (
          <Button
            onClick={() => void run(true)}
            loading={busy}
            disabled={!estimate.data?.lines.length || Boolean(estimate.error)}
          >
            {t('calculators.deal.applyAndQuote')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
