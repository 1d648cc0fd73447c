import type { PriorityWeightsView } from '@voronka/contract';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { CatalogEditor } from './CatalogEditor';
import { priorityFeatureCodes, priorityReasonText } from './priority-reasons';
import { usePriorityWeights, useWeightMutations } from './use-routing';

// The priority score's weights: what each sign in a request is worth, where the numbers came from,
// and the last re-fit from the workspace's own outcomes.
export function PriorityTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const weights = usePriorityWeights();
  if (weights.isPending) return <Loader aria-label={t('common.loading')} />;
  if (weights.error) return <Alert color="red">{errorMessage(weights.error)}</Alert>;
  const view = weights.data;
  return (
    <Stack>
      <WeightsEditor
        key={`${view.source}-${view.fittedAt}-${JSON.stringify(view.features)}-${view.bias}`}
        view={view}
        canEdit={canEdit}
      />
      <CatalogEditor
        key={(view.catalog ?? []).join('\n')}
        catalog={view.catalog ?? []}
        canEdit={canEdit}
      />
    </Stack>
  );
}

// Known codes first in their reading order, then any the server knows and this build does not.
function featureOrder(view: PriorityWeightsView): string[] {
  const known: readonly string[] = priorityFeatureCodes;
  return [
    ...known.filter((c) => c in view.features),
    ...Object.keys(view.features).filter((c) => !known.includes(c)),
  ];
}

function WeightsEditor({ view, canEdit }: { view: PriorityWeightsView; canEdit: boolean }) {
  const { t } = useTranslation();
  const { save, refit } = useWeightMutations();
  const [features, setFeatures] = useState<Record<string, number | ''>>(view.features);
  const [bias, setBias] = useState<number | ''>(view.bias);
  const dirty =
    bias !== view.bias || Object.entries(features).some(([k, v]) => v !== view.features[k]);
  const error = save.error ?? refit.error;

  const submit = () => {
    const clean = Object.fromEntries(
      Object.entries(features).map(([k, v]) => [k, v === '' ? 0 : v]),
    );
    save.mutate({ features: clean, bias: bias === '' ? 0 : bias });
  };
  const weightInput = (label: string, value: number | '', onChange: (v: number | '') => void) => (
    <NumberInput
      size="xs"
      w={110}
      aria-label={label}
      min={-20}
      max={20}
      step={0.1}
      decimalScale={2}
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : '')}
    />
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={720}>
        {t('routingSettings.priority.hint')}
      </Text>
      <Paper withBorder p="sm" radius="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm">{t('routingSettings.priority.source')}:</Text>
            <Badge variant="light">{t(`routingSettings.priority.sources.${view.source}`)}</Badge>
          </Group>
          <Text size="sm">{lastFitText(t, view)}</Text>
        </Stack>
      </Paper>
      <FormAlert message={error ? errorMessage(error) : null} />
      <DataTable
        rows={featureOrder(view)}
        columns={[t('routingSettings.priority.feature'), t('routingSettings.priority.weight')]}
        minWidth={340}
        loading={false}
        loadingLabel={t('common.loading')}
        emptyText={t('routingSettings.priority.empty')}
        renderRow={(code) => (
          <Table.Tr key={code} data-testid={`weight-${code}`}>
            <Table.Td>
              <Text size="sm">{priorityReasonText(t, code)}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {code}
              </Text>
            </Table.Td>
            <Table.Td>
              {canEdit
                ? weightInput(priorityReasonText(t, code), features[code] ?? '', (v) =>
                    setFeatures((f) => ({ ...f, [code]: v })),
                  )
                : formatWeight(view.features[code] ?? 0)}
            </Table.Td>
          </Table.Tr>
        )}
      />
      <Group gap="xs">
        <Text size="sm">{t('routingSettings.priority.bias')}:</Text>
        {canEdit ? (
          weightInput(t('routingSettings.priority.bias'), bias, setBias)
        ) : (
          <Text size="sm">{formatWeight(view.bias)}</Text>
        )}
      </Group>
      {canEdit ? (
        <Group gap="xs" wrap="wrap">
          <Button onClick={submit} disabled={!dirty} loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="light" onClick={() => refit.mutate()} loading={refit.isPending}>
            {t('routingSettings.priority.refit')}
          </Button>
          <ConfirmButton
            size="sm"
            color="gray"
            label={t('routingSettings.priority.reset')}
            confirmLabel={t('routingSettings.priority.reset')}
            title={t('routingSettings.priority.resetTitle')}
            message={t('routingSettings.priority.resetMessage')}
            onConfirm={() => save.mutate({ reset: true })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

const formatWeight = (w: number) => (w > 0 ? `+${w.toFixed(2)}` : w.toFixed(2).replace('-', '−'));

function lastFitText(t: ReturnType<typeof useTranslation>['t'], view: PriorityWeightsView): string {
  const fit = view.lastFit;
  if (!fit) return t('routingSettings.priority.neverFitted');
  if (fit.fitted)
    return t('routingSettings.priority.fitted', {
      at: formatDateTime(fit.at),
      count: fit.examples,
    });
  const why = fit.reason
    ? t(`routingSettings.priority.notFittedReasons.${fit.reason}`, { defaultValue: fit.reason })
    : '—';
  return t('routingSettings.priority.notFitted', {
    at: formatDateTime(fit.at),
    count: fit.examples,
    why,
  });
}
