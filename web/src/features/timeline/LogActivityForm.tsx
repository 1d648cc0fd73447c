import { ActivityCreateBody } from '@voronka/contract';
import {
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { useLogActivity, type TimelineSubject } from './use-timeline';

type Kind = 'note' | 'call' | 'meeting' | 'email';

// Log a note, call, meeting or e-mail against the subject; the timeline refreshes after.
export function LogActivityForm({ subject }: { subject: TimelineSubject }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('note');
  const [minutes, setMinutes] = useState<number | string>('');
  const form = useFormState({ body: '', outcome: '' });
  const log = useLogActivity({
    onSuccess: () => {
      form.setValues({ body: '', outcome: '' });
      setMinutes('');
    },
    onError: form.fail,
  });
  const submit = form.onSubmit(
    (v) => {
      const data =
        kind === 'call' || kind === 'meeting'
          ? {
              ...(minutes !== '' ? { durationSeconds: Math.round(Number(minutes) * 60) } : {}),
              ...(v.outcome ? { outcome: v.outcome } : {}),
            }
          : undefined;
      return validate(ActivityCreateBody, {
        kind,
        body: v.body || null,
        ...subject,
        ...(data ? { data } : {}),
      });
    },
    (body) => log.mutate(body),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('timeline.logTitle')}>
      <Stack gap="xs">
        <FormAlert message={form.formError} />
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={(['note', 'call', 'meeting', 'email'] as const).map((k) => ({
            value: k,
            label: t(`timeline.kind.${k}`),
          }))}
          fullWidth
        />
        <Textarea
          aria-label={t('timeline.body')}
          placeholder={t('timeline.bodyPlaceholder')}
          autosize
          minRows={2}
          value={form.values.body}
          error={form.errors.body}
          onChange={(e) => {
            const body = e.currentTarget.value;
            form.setValues((v) => ({ ...v, body }));
          }}
        />
        {kind === 'call' || kind === 'meeting' ? (
          <Group grow align="flex-start">
            <NumberInput
              label={t('timeline.durationMinutes')}
              min={0}
              max={1440}
              value={minutes}
              onChange={setMinutes}
            />
            <TextInput label={t('timeline.outcome')} {...form.field('outcome')} />
          </Group>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={log.isPending}>
            {t('timeline.log')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
