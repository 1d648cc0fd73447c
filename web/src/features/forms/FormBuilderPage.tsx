import type { Form } from '@voronka/contract';
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { CopyField } from '../../ui/CopyField';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { FieldsEditor } from './FieldsEditor';
import { FormPreview } from './FormPreview';
import {
  attachSnippet,
  bodyFromDraft,
  draftFromForm,
  fieldErrorsByIndex,
  isConsentChanged,
  type FormDraft,
} from './form-draft';
import { useForm, useSaveForm } from './use-forms';

const INLINE = ['name', 'consentText', 'thankYou', 'allowedDomains', 'rateLimitPerMinute'];

// Settings → Forms → one form: the builder on the left, the live preview on the right (below on a
// phone), and once saved, the code to put on the site and the hosted page's address.
export function FormBuilderPage() {
  const { id } = useParams();
  const formId = id && id !== 'new' ? id : null;
  const form = useForm(formId);
  const { t } = useTranslation();
  if (formId && form.isPending) return <Loader aria-label={t('common.loading')} />;
  if (formId && form.error) return <FormAlert message={errorMessage(form.error)} />;
  return <Builder key={form.data?.id ?? 'new'} form={form.data ?? null} />;
}

function Builder({ form }: { form: Form | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCanWrite('workspace', 'update');
  const save = useSaveForm(form?.id ?? null);
  const [draft, setDraft] = useState<FormDraft>(() =>
    draftFromForm(form, {
      name: t('forms.defaults.name'),
      consentText: t('forms.defaults.consent'),
      thankYou: t('forms.defaults.thankYou'),
      labels: {
        name: t('forms.defaults.fieldName'),
        phone: t('forms.defaults.fieldPhone'),
        email: t('forms.defaults.fieldEmail'),
        message: t('forms.defaults.fieldMessage'),
      },
    }),
  );
  const set = <K extends keyof FormDraft>(k: K, v: FormDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const apiError = isApiError(save.error) ? save.error : null;
  const rowErrors = fieldErrorsByIndex(apiError?.errors ?? []);
  // The server names the field: a row of the list (fields.2.key) or a setting (allowedDomains.0).
  const top = apiError?.field?.split('.')[0] ?? null;
  const errorFor = (name: string) => (top === name ? errorMessage(save.error) : undefined);
  const inline =
    top === 'fields' ? Object.keys(rowErrors).length > 0 : top !== null && INLINE.includes(top);
  const generalError = save.error && !inline ? errorMessage(save.error) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(bodyFromDraft(draft), {
      onSuccess: (saved) =>
        form ? undefined : navigate(`/settings/forms/${saved.id}`, { replace: true }),
    });
  };
  const consentChanged = isConsentChanged(form, draft);

  return (
    <Stack>
      <PageHeader
        title={form ? form.name : t('forms.createTitle')}
        description={t('forms.builderDescription')}
        actions={
          <Button variant="default" component={Link} to="/settings/forms">
            {t('forms.backToList')}
          </Button>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <form onSubmit={submit} noValidate aria-label={t('forms.builder')}>
            <Stack>
              <FormAlert message={generalError} />
              <TextInput
                label={t('forms.name')}
                required
                value={draft.name}
                disabled={!canManage}
                error={errorFor('name')}
                onChange={(e) => set('name', e.currentTarget.value)}
              />
              <FieldsEditor
                fields={draft.fields}
                onChange={(fields) => set('fields', fields)}
                errors={rowErrors}
                disabled={!canManage}
              />
              <Textarea
                label={t('forms.consentText')}
                description={
                  form
                    ? t('forms.consentVersion', { version: form.consentVersion })
                    : t('forms.consentHint')
                }
                autosize
                minRows={2}
                value={draft.consentText}
                disabled={!canManage}
                error={errorFor('consentText')}
                onChange={(e) => set('consentText', e.currentTarget.value)}
              />
              {consentChanged ? (
                <Alert color="yellow" variant="light" data-testid="consent-bump">
                  {t('forms.consentBump', { version: (form?.consentVersion ?? 0) + 1 })}
                </Alert>
              ) : null}
              <Textarea
                label={t('forms.thankYou')}
                required
                autosize
                minRows={2}
                value={draft.thankYou}
                disabled={!canManage}
                error={errorFor('thankYou')}
                onChange={(e) => set('thankYou', e.currentTarget.value)}
              />
              <TagsInput
                label={t('forms.domains')}
                description={t('forms.domainsHint')}
                placeholder={draft.allowedDomains.length ? undefined : 'example.ru'}
                value={draft.allowedDomains}
                disabled={!canManage}
                error={errorFor('allowedDomains')}
                onChange={(v) => set('allowedDomains', v)}
                splitChars={[',', ' ']}
              />
              <Group grow align="flex-start" wrap="wrap">
                <NumberInput
                  label={t('forms.rateLimit')}
                  description={t('forms.rateLimitHint')}
                  min={1}
                  max={1_000_000}
                  allowDecimal={false}
                  value={draft.rateLimitPerMinute}
                  disabled={!canManage}
                  error={errorFor('rateLimitPerMinute')}
                  onChange={(v) => set('rateLimitPerMinute', typeof v === 'number' ? v : 30)}
                  miw={200}
                />
                <Switch
                  label={t('forms.callbackButton')}
                  description={t('forms.callbackHint')}
                  checked={draft.callbackButton}
                  disabled={!canManage}
                  onChange={(e) => set('callbackButton', e.currentTarget.checked)}
                  mt="lg"
                  miw={200}
                />
              </Group>
              <Group>
                <Button type="submit" loading={save.isPending} disabled={!canManage}>
                  {form ? t('common.save') : t('forms.createAction')}
                </Button>
                {save.isSuccess && form ? (
                  <Text size="sm" c="teal" role="status">
                    {t('common.saved')}
                  </Text>
                ) : null}
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack style={{ position: 'sticky', top: 16 }}>
            <FormPreview draft={draft} />
            {form ? <EmbedCode form={form} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

// Where the saved form is used: the snippet for any page, the variant that takes over the site's
// own <form>, and the hosted page.
function EmbedCode({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('forms.embedTitle')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('forms.embedTitle')}
        </Title>
        {form.allowedDomains.length ? null : (
          <Alert color="yellow" variant="light">
            {t('forms.noDomains')}
          </Alert>
        )}
        <Text size="sm">{t('forms.embedHint')}</Text>
        <CopyField
          value={form.embedCode}
          testId="form-embed-code"
          copyLabel={t('common.copy')}
          copiedLabel={t('common.copied')}
        />
        <Text size="sm">{t('forms.attachHint')}</Text>
        <CopyField
          value={attachSnippet(form)}
          testId="form-attach-code"
          copyLabel={t('common.copy')}
          copiedLabel={t('common.copied')}
        />
        <Text size="sm">{t('forms.hostedHint')}</Text>
        <Anchor
          href={form.hostedUrl}
          target="_blank"
          rel="noopener"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="form-hosted-link"
        >
          {form.hostedUrl}
        </Anchor>
      </Stack>
    </Paper>
  );
}
