import {
  TemplateCreateBody,
  templateVariables,
  type Template,
  type TemplateKind,
  type TemplateScope,
} from '@voronka/contract';
import {
  Code,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useSaveTemplate } from './use-message-templates';

type Values = {
  kind: TemplateKind;
  name: string;
  scope: TemplateScope;
  locale: 'ru' | 'en';
  subject: string;
  body: string;
};

const initial = (t: Template | null): Values => ({
  kind: t?.kind ?? 'message',
  name: t?.name ?? '',
  scope: t?.scope ?? 'personal',
  locale: t?.locale ?? 'ru',
  subject: t?.subject ?? '',
  body: t?.body ?? '',
});

const toBody = (v: Values) => ({
  ...v,
  subject: v.kind === 'letter' ? v.subject || null : undefined,
});

// Examples shown under the text: Liquid as typed (not translated: these are the words of the text).
const EXAMPLES = [
  '{{ client.firstName }}',
  '{{ deal.amount | rub }}',
  '{% if deal.title %}…{% endif %}',
];

export function TemplateDialog(props: {
  template: Template | null;
  canShare: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const form = useFormState<Values>(initial(props.template));
  const save = useSaveTemplate(props.template, { onSuccess: props.onClose, onError: form.fail });
  const submit = form.onSubmit(TemplateCreateBody, (body) => save.mutate(body), toBody);
  const v = form.values;
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      fullScreen={Boolean(isPhone)}
      title={t(props.template ? 'messageTemplates.editTitle' : 'messageTemplates.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          {props.template ? null : (
            <SegmentedControl
              aria-label={t('messageTemplates.kind')}
              value={v.kind}
              onChange={(k) => form.set('kind', k as TemplateKind)}
              data={(['message', 'letter'] as const).map((k) => ({
                value: k,
                label: t(`messageTemplates.kinds.${k}`),
              }))}
            />
          )}
          <TextInput
            label={t('messageTemplates.name')}
            required
            data-autofocus
            {...form.field('name')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('messageTemplates.scope')}
              value={v.scope}
              allowDeselect={false}
              onChange={(s) => s && form.set('scope', s as TemplateScope)}
              error={form.errors.scope}
              description={props.canShare ? undefined : t('messageTemplates.sharedHint')}
              data={(['personal', 'shared'] as const).map((s) => ({
                value: s,
                label: t(`messageTemplates.scopes.${s}`),
                disabled: s === 'shared' && !props.canShare,
              }))}
            />
            <Select
              label={t('messageTemplates.locale')}
              value={v.locale}
              allowDeselect={false}
              onChange={(l) => l && form.set('locale', l as 'ru' | 'en')}
              data={(['ru', 'en'] as const).map((l) => ({
                value: l,
                label: t(`messageTemplates.locales.${l}`),
              }))}
            />
          </SimpleGrid>
          {v.kind === 'letter' ? (
            <TextInput label={t('messageTemplates.subject')} {...form.field('subject')} />
          ) : null}
          <Textarea
            label={t('messageTemplates.body')}
            required
            autosize
            minRows={5}
            maxRows={16}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={v.body}
            error={form.errors.body}
            onChange={(e) => form.set('body', e.currentTarget.value)}
          />
          <VariableHelp />
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

function VariableHelp() {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {t('messageTemplates.bodyHint')}
      </Text>
      <Group gap={6}>
        {EXAMPLES.map((e) => (
          <Code key={e}>{e}</Code>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('messageTemplates.variables')}:{' '}
        {Object.entries(templateVariables)
          .map(([root, keys]) => `${root}.{${keys.join(', ')}}`)
          .join('; ')}
      </Text>
    </Stack>
  );
}
