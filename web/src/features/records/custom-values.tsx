import type { CustomEntity } from '@voronka/contract';
import { Divider, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { CustomFieldInputs, type CustomValues } from '../custom-fields';
import { useCustomFields } from '../custom-fields';

type Sent = Record<string, string | number | boolean | null | (string | number | boolean | null)[]>;

// The custom-field part of a record form: its values, what to send, and the server's
// `custom.<key>` errors shown under the input they concern.
export function useCustomValues(entity: CustomEntity, initial: CustomValues = {}) {
  const fields = useCustomFields(entity);
  const [values, setValues] = useState<CustomValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Only the fields defined today: a value left behind by a deleted definition is not sent back.
  const body = (): Sent =>
    Object.fromEntries(
      (fields.data ?? [])
        .filter((f) => f.key in values)
        .map((f) => [f.key, (values[f.key] ?? null) as Sent[string]]),
    );
  // True when the error was about a custom field (and is now shown there).
  const takeError = (e: unknown): boolean => {
    const field = isApiError(e) ? e.field : undefined;
    setErrors(field?.startsWith('custom.') ? { [field]: errorMessage(e) } : {});
    return Boolean(field?.startsWith('custom.'));
  };
  return { entity, values, setValues, errors, body, takeError };
}

export function CustomValuesSection({ form }: { form: ReturnType<typeof useCustomValues> }) {
  const { t } = useTranslation();
  const fields = useCustomFields(form.entity);
  if (!fields.data?.length) return null;
  return (
    <Stack gap="sm">
      <Divider />
      <Title order={3} size="h5">
        {t('records.customFields')}
      </Title>
      <CustomFieldInputs
        entity={form.entity}
        values={form.values}
        onChange={form.setValues}
        errors={form.errors}
      />
    </Stack>
  );
}
