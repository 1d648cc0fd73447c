import { FormFieldType } from '@voronka/contract';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { moveField, newField, relabel, type FieldDraft } from './form-draft';

type Props = {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  errors: Record<number, Record<string, string>>;
  disabled: boolean;
};

// The form's fields in order: label, type, required, the key submissions use, options of a list;
// moved up and down with buttons (keyboard- and phone-friendly), removed, added.
export function FieldsEditor({ fields, onChange, errors, disabled }: Props) {
  const { t } = useTranslation();
  const patch = (i: number, change: Partial<FieldDraft>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...change } : f)));
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('forms.fields')}
      </Text>
      {fields.map((f, i) => (
        <Paper key={f.uid} withBorder p="sm" data-testid="form-field-row">
          <Stack gap="xs">
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('forms.fieldLabel')}
                value={f.label}
                required
                disabled={disabled}
                error={errors[i]?.label ? t('forms.errors.label') : undefined}
                onChange={(e) => onChange(relabel(fields, i, e.currentTarget.value))}
                style={{ flex: '1 1 200px' }}
              />
              <Select
                label={t('forms.fieldType')}
                value={f.type}
                disabled={disabled}
                allowDeselect={false}
                onChange={(v) => patch(i, { type: (v as FormFieldType) ?? 'text' })}
                data={FormFieldType.options.map((o) => ({
                  value: o,
                  label: t(`forms.types.${o}`),
                }))}
                style={{ flex: '0 1 170px' }}
              />
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('forms.moveUp', { name: f.label })}
                  disabled={disabled || i === 0}
                  onClick={() => onChange(moveField(fields, i, -1))}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('forms.moveDown', { name: f.label })}
                  disabled={disabled || i === fields.length - 1}
                  onClick={() => onChange(moveField(fields, i, 1))}
                >
                  ↓
                </ActionIcon>
                <ActionIcon
                  variant="light"
                  color="red"
                  size="lg"
                  aria-label={t('forms.removeField', { name: f.label })}
                  disabled={disabled || fields.length === 1}
                  onClick={() => onChange(fields.filter((_, j) => j !== i))}
                >
                  ✕
                </ActionIcon>
              </Group>
            </Group>
            <Group gap="md" align="flex-start" wrap="wrap">
              <Checkbox
                label={t('forms.required')}
                checked={f.required}
                disabled={disabled}
                onChange={(e) => patch(i, { required: e.currentTarget.checked })}
                mt={4}
              />
              <TextInput
                size="xs"
                label={t('forms.fieldKey')}
                value={f.key}
                disabled={disabled}
                error={errors[i]?.key ? t('forms.errors.key') : undefined}
                onChange={(e) => patch(i, { key: e.currentTarget.value, keyTouched: true })}
                styles={{ input: { fontFamily: 'monospace' } }}
                style={{ flex: '0 1 200px' }}
              />
            </Group>
            {f.type === 'select' ? (
              <TagsInput
                label={t('forms.options')}
                description={t('forms.optionsHint')}
                value={f.options}
                disabled={disabled}
                error={errors[i]?.options ? t('forms.errors.options') : undefined}
                onChange={(options) => patch(i, { options })}
              />
            ) : null}
          </Stack>
        </Paper>
      ))}
      <Button
        variant="light"
        onClick={() => onChange(newField(fields, t('forms.newField')))}
        disabled={disabled || fields.length >= 30}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('forms.addField')}
      </Button>
    </Stack>
  );
}
