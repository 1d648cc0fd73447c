import type { CallOutcome } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Kbd,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { PageHeader } from '../../ui/PageHeader';
import { CallButton } from './CallButton';
import { useCallList, useNextItem, useRecordOutcome } from './use-calls';

const outcomes: { key: CallOutcome; hotkey: string }[] = [
  { key: 'no_answer', hotkey: '1' },
  { key: 'call_back', hotkey: '2' },
  { key: 'not_interested', hotkey: '3' },
  { key: 'interested', hotkey: '4' },
  { key: 'wrong_number', hotkey: '5' },
];

// Call mode: one client at a time — the card, the script, the call button, the outcome; keys 1–5
// pick the outcome (when not typing), Enter in the note saves.
export function CallModePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const list = useCallList(id);
  const next = useNextItem(id);
  const record = useRecordOutcome(id);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [callBackAt, setCallBackAt] = useState('');
  const item = next.data?.item ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return;
      const found = outcomes.find((o) => o.hotkey === e.key);
      if (found) setOutcome(found.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const save = () => {
    if (!item || !outcome) return;
    record.mutate(
      {
        itemId: item.id,
        body: {
          outcome,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(outcome === 'not_interested' ? { reason: reason.trim() } : {}),
          ...(outcome === 'call_back' && callBackAt
            ? { callBackAt: new Date(callBackAt).toISOString() }
            : {}),
        },
      },
      {
        onSuccess: () => {
          setOutcome(null);
          setNote('');
          setReason('');
          setCallBackAt('');
          notifications.show({ color: 'teal', message: t('calls.mode.saved') });
          void next.refetch();
        },
      },
    );
  };

  if (list.isLoading || next.isLoading) return <Loader />;
  const done = next.data?.done ?? 0;
  const total = next.data?.total ?? 0;
  return (
    <Stack>
      <PageHeader
        title={list.data?.name ?? t('calls.mode.title')}
        description={t('calls.mode.progress', { done, total })}
        actions={
          <Button component={Link} to="/call-lists" variant="default">
            {t('calls.lists.title')}
          </Button>
        }
      />
      <Progress value={total ? (done / total) * 100 : 0} aria-label={t('calls.lists.progress')} />
      {!item ? (
        <Card withBorder>
          <Text>{t('calls.mode.finished')}</Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder component="section" aria-label={t('calls.mode.client')}>
            <Title order={2} size="h3" mb="xs">
              {item.contactId ? (
                <Anchor component={Link} to={`/contacts/${item.contactId}`} inherit>
                  {item.name}
                </Anchor>
              ) : (
                item.name
              )}
            </Title>
            <Group mb="md">
              <Text size="lg" ff="monospace">
                {item.phone}
              </Text>
              <CallButton phone={item.phone} callListItemId={item.id} size="lg" />
            </Group>
            <Text fw={600} mb={4}>
              {t('calls.mode.outcome')}
            </Text>
            <Group gap="xs" mb="sm">
              {outcomes.map((o) => (
                <Button
                  key={o.key}
                  size="xs"
                  variant={outcome === o.key ? 'filled' : 'default'}
                  onClick={() => setOutcome(o.key)}
                  rightSection={<Kbd size="xs">{o.hotkey}</Kbd>}
                >
                  {t(`calls.outcomes.${o.key}`)}
                </Button>
              ))}
            </Group>
            {outcome === 'call_back' ? (
              <TextInput
                type="datetime-local"
                label={t('calls.mode.callBackAt')}
                value={callBackAt}
                onChange={(e) => setCallBackAt(e.currentTarget.value)}
                mb="xs"
              />
            ) : null}
            {outcome === 'not_interested' ? (
              <TextInput
                label={t('calls.mode.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                mb="xs"
              />
            ) : null}
            <Textarea
              label={t('calls.mode.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  save();
                }
              }}
            />
            {record.error ? (
              <Text c="red" size="sm" mt="xs">
                {errorMessage(record.error)}
              </Text>
            ) : null}
            <Group mt="sm">
              <Button onClick={save} disabled={!outcome} loading={record.isPending}>
                {t('calls.mode.saveNext')}
              </Button>
              {outcome ? <Badge>{t(`calls.outcomes.${outcome}`)}</Badge> : null}
            </Group>
          </Card>
          <ScriptCard script={list.data?.script ?? []} />
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ScriptCard({ script }: { script: { title: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-label={t('calls.mode.script')}>
      <Title order={2} size="h4" mb="xs">
        {t('calls.mode.script')}
      </Title>
      {script.length ? (
        <Stack gap="sm">
          {script.map((s, i) => (
            <div key={i}>
              <Text fw={600}>{s.title}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.text}
              </Text>
            </div>
          ))}
        </Stack>
      ) : (
        <Text c="dimmed">{t('calls.mode.noScript')}</Text>
      )}
    </Card>
  );
}
