import type { CallListScriptSection, CallOutcomeBody } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
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

type Outcome = CallOutcomeBody['outcome'];
type PathStep = { stepId: string; answer: string };
const outcomes: { key: Outcome; hotkey: string }[] = [
  { key: 'no_answer', hotkey: '1' },
  { key: 'call_back', hotkey: '2' },
  { key: 'not_interested', hotkey: '3' },
  { key: 'interested', hotkey: '4' },
  { key: 'wrong_number', hotkey: '5' },
  { key: 'busy', hotkey: '6' },
  { key: 'meeting_booked', hotkey: '7' },
];
const needsTime = (o: Outcome | null) => o === 'call_back' || o === 'meeting_booked';

// Call mode: one client at a time — the card, the script, the call button, the outcome; keys 1–5
// pick the outcome (when not typing), Enter in the note saves.
export function CallModePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const list = useCallList(id);
  const next = useNextItem(id);
  const record = useRecordOutcome(id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [path, setPath] = useState<PathStep[]>([]);
  const [doNotCall, setDoNotCall] = useState(false);
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
          ...(needsTime(outcome) && callBackAt
            ? { callBackAt: new Date(callBackAt).toISOString() }
            : {}),
          ...(path.length ? { scriptPath: path } : {}),
          ...(doNotCall ? { doNotCall: true } : {}),
        },
      },
      {
        onSuccess: () => {
          setOutcome(null);
          setNote('');
          setReason('');
          setCallBackAt('');
          setPath([]);
          setDoNotCall(false);
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
            <OutcomePicker
              outcome={outcome}
              onOutcome={setOutcome}
              callBackAt={callBackAt}
              onCallBackAt={setCallBackAt}
              reason={reason}
              onReason={setReason}
            />
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
            <Checkbox
              mt="xs"
              label={t('calls.mode.doNotCall')}
              checked={doNotCall}
              onChange={(e) => setDoNotCall(e.currentTarget.checked)}
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
          <ScriptCard key={item.id} script={list.data?.script ?? []} path={path} onPath={setPath} />
        </SimpleGrid>
      )}
    </Stack>
  );
}

// The outcome buttons (keys 1–7) and what an outcome asks for: a time, a reason.
function OutcomePicker(p: {
  outcome: Outcome | null;
  onOutcome: (o: Outcome) => void;
  callBackAt: string;
  onCallBackAt: (v: string) => void;
  reason: string;
  onReason: (v: string) => void;
}) {
  const { t } = useTranslation();
  const { outcome, onOutcome, callBackAt, onCallBackAt, reason, onReason } = p;
  return (
    <>
      <Group gap="xs" mb="sm">
        {outcomes.map((o) => (
          <Button
            key={o.key}
            size="xs"
            variant={outcome === o.key ? 'filled' : 'default'}
            onClick={() => onOutcome(o.key)}
            rightSection={<Kbd size="xs">{o.hotkey}</Kbd>}
          >
            {t(`calls.outcomes.${o.key}`)}
          </Button>
        ))}
      </Group>
      {needsTime(outcome) ? (
        <TextInput
          type="datetime-local"
          label={t(outcome === 'call_back' ? 'calls.mode.callBackAt' : 'calls.mode.meetingAt')}
          value={callBackAt}
          onChange={(e) => onCallBackAt(e.currentTarget.value)}
          mb="xs"
        />
      ) : null}
      {outcome === 'not_interested' ? (
        <TextInput
          label={t('calls.mode.reason')}
          value={reason}
          onChange={(e) => onReason(e.currentTarget.value)}
          mb="xs"
        />
      ) : null}
    </>
  );
}

// The script beside the card. A script with answers is walked: the current step, its answers and
// objections as buttons (each leads to its step, or the following one), the way taken so far; the
// path is saved with the outcome. A script without answers reads as its sections.
function ScriptCard({
  script,
  path,
  onPath,
}: {
  script: CallListScriptSection[];
  path: PathStep[];
  onPath: (p: PathStep[]) => void;
}) {
  const { t } = useTranslation();
  const branching = script.some((s) => s.answers?.length);
  const [current, setCurrent] = useState(0);
  const step = script[current];
  const answer = (label: string, next: string | null | undefined) => {
    if (step?.id && step.answers?.length) onPath([...path, { stepId: step.id, answer: label }]);
    const to = next ? script.findIndex((s) => s.id === next) : current + 1;
    setCurrent(to >= 0 ? to : script.length);
  };
  return (
    <Card withBorder component="section" aria-label={t('calls.mode.script')}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('calls.mode.script')}
        </Title>
        {branching && (path.length || current) ? (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => {
              onPath([]);
              setCurrent(0);
            }}
          >
            {t('calls.mode.restart')}
          </Button>
        ) : null}
      </Group>
      {!script.length ? (
        <Text c="dimmed">{t('calls.mode.noScript')}</Text>
      ) : branching ? (
        <Stack gap="sm">
          {path.length ? (
            <Text size="xs" c="dimmed" aria-label={t('calls.mode.path')}>
              {path.map((p) => p.answer).join(' → ')}
            </Text>
          ) : null}
          {step ? (
            <div>
              <Text fw={600}>{step.title}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mb="xs">
                {step.text}
              </Text>
              <Group gap="xs">
                {(step.answers?.length ? step.answers : [{ label: '→', next: null }]).map((a) => (
                  <Button
                    key={a.label}
                    size="xs"
                    variant="light"
                    color={'objection' in a && a.objection ? 'orange' : undefined}
                    onClick={() => answer(a.label, a.next)}
                  >
                    {a.label}
                    {'objection' in a && a.objection ? ` (${t('calls.mode.objection')})` : ''}
                  </Button>
                ))}
              </Group>
            </div>
          ) : (
            <Text c="dimmed">{t('calls.mode.scriptEnd')}</Text>
          )}
        </Stack>
      ) : (
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
      )}
    </Card>
  );
}
