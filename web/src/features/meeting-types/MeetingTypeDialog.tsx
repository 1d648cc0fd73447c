import {
  LocationKind,
  MeetingTypeCreateBody,
  type BookingQuestion,
  type HostMode,
  type MeetingType,
  type Team,
  type User,
} from '@voronka/contract';
import {
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { HostsEditor, type HostDraft } from './HostsEditor';
import { QuestionsEditor } from './QuestionsEditor';
import { useSaveMeetingType } from './use-meeting-types';

type Num = number | string;
type Values = {
  name: string;
  slug: string;
  description: string;
  durationMin: Num;
  bufferBeforeMin: Num;
  bufferAfterMin: Num;
  minNoticeMin: Num;
  horizonDays: Num;
  dailyLimit: Num;
  locationKind: LocationKind;
  locationDetail: string;
  questions: BookingQuestion[];
  hostMode: HostMode;
  hosts: HostDraft[];
  active: boolean;
};

const initial = (t: MeetingType | null, me: string): Values => ({
  name: t?.name ?? '',
  slug: t?.slug ?? '',
  description: t?.description ?? '',
  durationMin: t?.durationMin ?? 30,
  bufferBeforeMin: t?.bufferBeforeMin ?? 0,
  bufferAfterMin: t?.bufferAfterMin ?? 0,
  minNoticeMin: t?.minNoticeMin ?? 60,
  horizonDays: t?.horizonDays ?? 30,
  dailyLimit: t?.dailyLimit ?? '',
  locationKind: t?.locationKind ?? 'video',
  locationDetail: t?.locationDetail ?? '',
  questions: t?.questions ?? [],
  hostMode: t?.hostMode ?? 'named',
  hosts: t?.hosts ?? [{ memberId: me, weight: 1 }],
  active: t?.active ?? true,
});

const num = (v: Num) => (v === '' ? undefined : Number(v));
// The form's values as the contract's body: empty numbers are "not set"; a named host is one.
const toBody = (v: Values) => ({
  ...v,
  durationMin: num(v.durationMin),
  bufferBeforeMin: num(v.bufferBeforeMin),
  bufferAfterMin: num(v.bufferAfterMin),
  minNoticeMin: num(v.minNoticeMin),
  horizonDays: num(v.horizonDays),
  dailyLimit: v.dailyLimit === '' ? null : Number(v.dailyLimit),
  hosts: v.hostMode === 'named' ? v.hosts.slice(0, 1) : v.hosts,
});

// A latin address from a name typed in Russian or English ("Консультация" → "konsultaciya").
const RU: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:c ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
);
export const slugOf = (name: string) =>
  [...name.toLowerCase()]
    .map((c) => RU[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

export function MeetingTypeDialog(props: {
  type: MeetingType | null;
  me: string;
  users: User[];
  teams: Team[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const form = useFormState<Values>(initial(props.type, props.me));
  const save = useSaveMeetingType(props.type, { onSuccess: props.onClose, onError: form.fail });
  const submit = form.onSubmit(MeetingTypeCreateBody, (body) => save.mutate(body), toBody);
  const v = form.values;
  const minutes = (name: keyof Values & string, label: string, max: number) => (
    <NumberInput
      label={label}
      min={0}
      max={max}
      step={5}
      allowDecimal={false}
      value={v[name] as Num}
      onChange={(x) => form.set(name, x as never)}
      error={form.errors[name]}
    />
  );
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      fullScreen={Boolean(isPhone)}
      title={t(props.type ? 'meetingTypes.editTitle' : 'meetingTypes.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput
            label={t('meetingTypes.name')}
            required
            data-autofocus
            value={v.name}
            error={form.errors.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              form.set('name', name);
              if (!props.type && (v.slug === '' || v.slug === slugOf(v.name)))
                form.set('slug', slugOf(name));
            }}
          />
          <TextInput
            label={t('meetingTypes.slug')}
            description={t('meetingTypes.slugHint')}
            required
            {...form.field('slug')}
          />
          <Textarea
            label={t('meetingTypes.description')}
            autosize
            minRows={2}
            value={v.description}
            error={form.errors.description}
            onChange={(e) => form.set('description', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {minutes('durationMin', t('meetingTypes.duration'), 480)}
            {minutes('minNoticeMin', t('meetingTypes.notice'), 43200)}
            {minutes('bufferBeforeMin', t('meetingTypes.bufferBefore'), 240)}
            {minutes('bufferAfterMin', t('meetingTypes.bufferAfter'), 240)}
            <NumberInput
              label={t('meetingTypes.horizon')}
              min={1}
              max={365}
              allowDecimal={false}
              value={v.horizonDays}
              onChange={(x) => form.set('horizonDays', x)}
              error={form.errors.horizonDays}
            />
            <NumberInput
              label={t('meetingTypes.dailyLimit')}
              description={t('meetingTypes.dailyLimitHint')}
              min={1}
              max={100}
              allowDecimal={false}
              value={v.dailyLimit}
              onChange={(x) => form.set('dailyLimit', x)}
              error={form.errors.dailyLimit}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('meetingTypes.location')}
              data={LocationKind.options.map((k) => ({
                value: k,
                label: t(`meetingTypes.locationKind.${k}`),
              }))}
              value={v.locationKind}
              onChange={(x) => x && form.set('locationKind', x as LocationKind)}
              allowDeselect={false}
            />
            <TextInput label={t('meetingTypes.locationDetail')} {...form.field('locationDetail')} />
          </SimpleGrid>
          <Radio.Group
            label={t('meetingTypes.hostMode')}
            value={v.hostMode}
            onChange={(x) => form.set('hostMode', x as HostMode)}
          >
            <Stack gap="xs" mt="xs">
              {(['named', 'round_robin', 'client_owner'] as const).map((m) => (
                <Radio
                  key={m}
                  value={m}
                  label={t(`meetingTypes.mode.${m}`)}
                  description={t(`meetingTypes.modeHint.${m}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <HostsEditor
            mode={v.hostMode}
            hosts={v.hosts}
            users={props.users}
            teams={props.teams}
            error={form.errors.hosts}
            onChange={(hosts) => form.set('hosts', hosts)}
          />
          <QuestionsEditor
            questions={v.questions}
            errors={form.errors}
            onChange={(q) => form.set('questions', q)}
          />
          <Switch
            label={t('meetingTypes.active')}
            checked={v.active}
            onChange={(e) => form.set('active', e.currentTarget.checked)}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={props.onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
