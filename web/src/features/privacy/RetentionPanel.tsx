import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { RetentionKind } from '@voronka/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatDate } from '../../lib/format';
import { FormAlert } from '../../ui/FormAlert';
import {
  destructionActUrl,
  useDestructionActs,
  useRetention,
  useRunRetention,
  useSetRetention,
} from './use-privacy';

type Draft = { kind: RetentionKind; months: number; enabled: boolean };

// Retention rules per kind of personal data (months after the last activity), erased nightly by a
// job; "erase now" runs it at once. Each run that destroyed anything leaves an act (PDF).
export function RetentionPanel() {
  const { t } = useTranslation();
  const rules = useRetention();
  const acts = useDestructionActs();
  const [draft, setDraft] = useState<Draft[]>([]);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data)
      setDraft(
        rules.data.map((r) => ({ kind: r.kind, months: r.months || 12, enabled: r.enabled })),
      );
  }, [rules.data]);
  const save = useSetRetention({ onSuccess: () => setNote(t('privacy.retention.saved')) });
  const runNow = useRunRetention({
    onSuccess: (r) =>
      setNote(
        (r as { act: unknown }).act ? t('privacy.retention.ran') : t('privacy.retention.nothing'),
      ),
  });
  const error = save.error ?? runNow.error;
  const change = (i: number, patch: Partial<Draft>) =>
    setDraft((d) => d.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        {t('privacy.retention.hint')}
      </Text>
      {draft.map((r, i) => (
        <Group key={r.kind} align="end" wrap="wrap">
          <Switch
            label={t(`privacy.retention.kinds.${r.kind}`)}
            checked={r.enabled}
            onChange={(e) => change(i, { enabled: e.currentTarget.checked })}
            w={300}
          />
          <NumberInput
            label={t('privacy.retention.months')}
            min={1}
            max={600}
            value={r.months}
            onChange={(v) => change(i, { months: Number(v) || 0 })}
            w={140}
            disabled={!r.enabled}
          />
          <Text size="sm" c="dimmed">
            {t('privacy.retention.due', { count: rules.data?.[i]?.due ?? 0 })}
          </Text>
        </Group>
      ))}
      {error ? <FormAlert message={errorMessage(error)} /> : null}
      {note ? <Alert color="green">{note}</Alert> : null}
      <Group>
        <Button loading={save.isPending} onClick={() => save.mutate({ rules: draft })}>
          {t('privacy.retention.save')}
        </Button>
        <Button
          variant="light"
          color="red"
          loading={runNow.isPending}
          onClick={() => {
            if (window.confirm(t('privacy.retention.confirm'))) runNow.mutate();
          }}
        >
          {t('privacy.retention.run')}
        </Button>
      </Group>
      <Title order={4}>{t('privacy.retention.acts')}</Title>
      {acts.data?.length ? (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>№</Table.Th>
                <Table.Th>{t('privacy.retention.date')}</Table.Th>
                <Table.Th>{t('privacy.retention.destroyed')}</Table.Th>
                <Table.Th>{t('privacy.retention.responsible')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {acts.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.number}</Table.Td>
                  <Table.Td>{formatDate(a.at)}</Table.Td>
                  <Table.Td>
                    {a.items
                      .map((i) => `${t(`privacy.retention.kinds.${i.kind}`)}: ${i.records}`)
                      .join('; ')}
                  </Table.Td>
                  <Table.Td>{a.responsibleName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Anchor size="sm" href={destructionActUrl(a.id)} download>
                      {t('privacy.retention.pdf')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('privacy.retention.noActs')}
        </Text>
      )}
    </Stack>
  );
}
