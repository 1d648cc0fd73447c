import type { CustomEntity } from '@voronka/contract';
import { Badge, Button, Drawer, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterDrawerFooter } from './FilterDrawerFooter';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCustomFields } from '../custom-fields';
import { CustomFieldFilter, type FilterControl } from './FilterInputs';
import { activeFilterCount, customParams } from './list-state';

type Filters = Record<string, string>;

// The `custom.<key>` parameters of the entity's fields defined today (a view may name gone ones).
export function useCustomFilterParams(entity: CustomEntity): string[] {
  return (useCustomFields(entity).data ?? []).flatMap(customParams);
}

// For a list with its own filter bar (leads): a button opening the custom-field filters,
// with the count of those set. Nothing shows while the entity has no custom fields.
export function CustomFiltersButton({
  entity,
  filters,
  onChange,
  error,
}: {
  entity: CustomEntity;
  filters: Filters;
  onChange: (next: Filters) => void;
  error?: unknown;
}) {
  const { t } = useTranslation();
  const fields = useCustomFields(entity).data ?? [];
  const [open, setOpen] = useState(false);
  if (!fields.length) return null;
  const keys = fields.flatMap(customParams);
  const count = activeFilterCount(filters, keys);
  const field = isApiError(error) ? error.field : undefined;
  const control: FilterControl = {
    value: (k) => filters[k] ?? '',
    set: (k) => (v) => onChange({ ...filters, [k]: v ?? '' }),
    patch: (values) => onChange({ ...filters, ...values }),
    error: (k) => (k === field ? errorMessage(error) : undefined),
  };
  return (
    <>
      <Button
        variant="default"
        onClick={() => setOpen(true)}
        rightSection={
          count ? (
            <Badge size="sm" circle>
              {count}
            </Badge>
          ) : null
        }
      >
        {t('records.customFields')}
      </Button>
      <Drawer
        opened={open}
        onClose={() => setOpen(false)}
        position="right"
        title={t('records.customFields')}
      >
        <Stack>
          {fields.map((f) => (
            <CustomFieldFilter key={f.id} field={f} control={control} />
          ))}
          <FilterDrawerFooter
            onReset={() =>
              onChange(
                Object.fromEntries(Object.entries(filters).filter(([k]) => !keys.includes(k))),
              )
            }
            resetDisabled={!count}
            onClose={() => setOpen(false)}
          />
        </Stack>
      </Drawer>
    </>
  );
}
