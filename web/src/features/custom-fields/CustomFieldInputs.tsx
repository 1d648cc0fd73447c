import type { CustomEntity, CustomField } from '@voronka/contract';
import {
  Checkbox,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCustomValue } from './custom-value-format';
import { useCustomFields } from './use-custom-fields';

export type CustomValues = Record<string, unknown>;

// The inputs of an entity's custom fields, one per definition, for any record form to drop in.
// Money is typed in roubles and kept in kopecks; an emptied input sends null (clears the value).
export function CustomFieldInputs(props: {
  entity: CustomEntity;
  values: CustomValues;
  onChange: (v: CustomValues) => void;
  errors?: Record<string, string>;
}) {
  const fields = useCustomFields(props.entity);
  if (!fields.data?.length) return null;
  const set = (key: string, value: unknown) => props.onChange({ ...props.values, [key]: value });
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      {fields.data.map((f) => (
        <CustomFieldInput
          key={f.id}
          field={f}
          value={props.values[f.key]}
          onChange={(v) => set(f.key, v)}
          error={props.errors?.[`custom.${f.key}`]}
        />
      ))}
    </SimpleGrid>
  );
}

function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string | undefined;
}) {
  const common = { label: field.label, required: field.required, error };
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
    case 'money':
      return (
        <NumberInput
          {...common}
          decimalScale={2}
          thousandSeparator=" "
          rightSection="₽"
          value={typeof value === 'number' ? value / 100 : ''}
          onChange={(v) => onChange(typeof v === 'number' ? Math.round(v * 100) : null)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={field.label}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt="lg"
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={field.options}
          value={text || null}
          onChange={(v) => onChange(v)}
          clearable
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          data={field.options}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v) => onChange(v)}
          clearable
        />
      );
    case 'link':
      return (
        <TextInput
          {...common}
          type="url"
          placeholder="https://"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
  }
}

// The values of a record's custom fields, read-only, in the definitions' order.
export function CustomFieldValues({
  entity,
  values,
}: {
  entity: CustomEntity;
  values: CustomValues;
}) {
  const { t } = useTranslation();
  const fields = useCustomFields(entity);
  if (!fields.data?.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      {fields.data.map((f) => (
        <div key={f.id}>
          <Text size="xs" c="dimmed">
            {f.label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {formatCustomValue(f, values[f.key], {
              yes: t('customFields.yes'),
              no: t('customFields.no'),
            }) || '—'}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
