import { MultiSelect, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneGroups } from '../lib/time-zones';

// The one time-zone picker: every IANA zone the browser knows, searchable, Russia's zones first
// (west to east), each shown with its UTC offset; a stored zone the browser lacks stays choosable.
export function TimeZonePicker(props: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { value } = props;
  const zones = useMemo(
    () => timeZoneGroups(t('common.zonesRussia'), t('common.zonesOther'), value),
    [t, value],
  );
  return (
    <Select
      label={props.label}
      data={zones}
      value={value}
      onChange={(v) => v && props.onChange(v)}
      error={props.error}
      searchable
      allowDeselect={false}
      limit={100}
      disabled={props.disabled}
      nothingFoundMessage={t('common.nothingFound')}
    />
  );
}

// The same list for choosing several zones (a routing rule's condition).
export function TimeZonesPicker(props: {
  label: string;
  description?: string;
  value: string[];
  onChange: (zones: string[]) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const zones = useMemo(() => timeZoneGroups(t('common.zonesRussia'), t('common.zonesOther')), [t]);
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      data={zones}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      searchable
      clearable
      limit={100}
      nothingFoundMessage={t('common.nothingFound')}
    />
  );
}
