import {
  Box,
  Button,
  Checkbox,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDraft } from './form-draft';

// What a visitor will see, drawn from the unsaved draft as the widget draws it: the fields in
// order, the consent checkbox with its text, the button — or the thank-you after sending.
export function FormPreview({ draft }: { draft: FormDraft }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'form' | 'thanks'>('form');
  return (
    <Paper withBorder p="md" radius="md" aria-label={t('forms.preview')} component="section">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('forms.preview')}
        </Title>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'form' | 'thanks')}
          data={[
            { value: 'form', label: t('forms.previewForm') },
            { value: 'thanks', label: t('forms.previewThanks') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <Box
          p="md"
          bg="var(--mantine-color-body)"
          style={{ border: '1px dashed var(--mantine-color-default-border)', borderRadius: 8 }}
          data-testid="form-preview"
        >
          {view === 'thanks' ? (
            <Text>{draft.thankYou || '—'}</Text>
          ) : (
            <Stack gap="sm">
              <Text fw={600}>{draft.name || '—'}</Text>
              {draft.fields.map((f) => {
                const label = f.label || '—';
                switch (f.type) {
                  case 'textarea':
                    return (
                      <Textarea
                        key={f.uid}
                        label={label}
                        required={f.required}
                        autosize
                        minRows={3}
                      />
                    );
                  case 'select':
                    return (
                      <Select
                        key={f.uid}
                        label={label}
                        required={f.required}
                        data={f.options}
                        placeholder={t('forms.choose')}
                      />
                    );
                  case 'checkbox':
                    return <Checkbox key={f.uid} label={label + (f.required ? ' *' : '')} />;
                  default:
                    return (
                      <TextInput
                        key={f.uid}
                        label={label}
                        required={f.required}
                        type={f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text'}
                      />
                    );
                }
              })}
              {draft.consentText.trim() ? (
                <Checkbox
                  size="xs"
                  label={draft.consentText}
                  styles={{ label: { fontSize: 12 } }}
                />
              ) : null}
              <Button onClick={() => setView('thanks')}>{t('forms.send')}</Button>
            </Stack>
          )}
        </Box>
        {draft.callbackButton ? (
          <Text size="xs" c="dimmed">
            {t('forms.callbackPreview')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
