import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { problemFieldErrors } from './problem-fields';
import { useWeightMutations } from './use-routing';

// One name a line, blanks and repeats dropped (the server takes up to 2000 names of 2–200 characters).
export function catalogFromText(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const name = line.trim();
    if (name.length < 2 || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name.slice(0, 200));
  }
  return out;
}

// The products and services a request may name: naming one raises its priority.
export function CatalogEditor({ catalog, canEdit }: { catalog: string[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const { save } = useWeightMutations();
  const [text, setText] = useState(catalog.join('\n'));
  const names = catalogFromText(text);
  const dirty = names.join('\n') !== catalog.join('\n');
  const error = save.error ? problemFieldErrors(save.error, []).rest : null;

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="catalog-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="catalog-title">
          {t('routingSettings.priority.catalog')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('routingSettings.priority.catalogHint')}
        </Text>
        <FormAlert message={error} />
        <Textarea
          aria-labelledby="catalog-title"
          autosize
          minRows={4}
          maxRows={14}
          value={text}
          readOnly={!canEdit}
          placeholder={t('routingSettings.priority.catalogPlaceholder')}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('routingSettings.priority.catalogCount', { n: names.length })}
          </Text>
          {canEdit ? (
            <Button
              size="xs"
              onClick={() => save.mutate({ catalog: names })}
              disabled={!dirty || names.length > 2000}
              loading={save.isPending}
            >
              {t('routingSettings.priority.catalogSave')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
