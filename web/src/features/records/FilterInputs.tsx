import type { CustomField } from '@voronka/contract';
import { Group, Input, NumberInput, Select, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customParams, isRanged } from './list-state';

// How a filter input reads and writes one query parameter of the list ('' = any).
export type FilterControl = {
  value: (param: string) => string;
  set: (param: string) => (v: string | null) => void;
  // Several parameters at once (a pipeline and its stage).
  patch: (values: Record<string, string>) => void;
  error: (param: string) => string | undefined;
};

export type RangeKind = 'number' | 'money' | 'date';

// Money is typed in roubles and sent in kopecks, as the API stores it.
const toInput = (kind: RangeKind, v: string): number | string => (v === '' ? '' : kind === 'money' ? Number(v) / 100 : Number(v));
const toParam = (kind: RangeKind, v: number | string): string => (typeof v !== 'number' ? '' : kind === 'money' ? String(Math.round(v * 100)) : String(v));

// A number typed into a filter: the parameter changes only when the text is a whole number
// (not at "1," on the way to "1,5"), and follows the parameter when a view or reset changes it.
function ParamNumber({ kind, param, control, ...rest }: { kind: Exclude<RangeKind, 'date'>; param: string; control: FilterControl; 'aria-label': string; placeholder: string; error: boolean; style: object }) {
  const { i18n } = useTranslation();
  const current = control.value(param);
  const [text, setText] = useState<number | string>(toInput(kind, current));
  const sent = useRef(current);
  useEffect(() => {
    if (current === sent.current) return;
    sent.current = current;
    setText(toInput(kind, current));
  }, [current, kind]);
  const ru = i18n.language !== 'en';
  return (
    <NumberInput
      {...rest}
      value={text}
      onChange={(v) => {
        setText(v);
        if (typeof v === 'string' && v !== '') return;
        sent.current = toParam(kind, v);
        control.set(param)(sent.current);
      }}
      min={kind === 'money' ? 0 : undefined}
      decimalScale={kind === 'money' ? 2 : undefined}
      decimalSeparator={ru ? ',' : '.'}
      thousandSeparator={ru ? ' ' : ','}
      rightSection={kind === 'money' ? '₽' : undefined}
      hideControls
    />
  );
}

// "from – to" for a number, an amount or a date: two parameters, `<from>` and `<to>`.
export function RangeFilter({ label, kind, from, to, control }: { label: string; kind: RangeKind; from: string; to: string; control: FilterControl }) {
  const { t } = useTranslation();
  const error = control.error(from) ?? control.error(to);
  const input = (param: string, which: 'from' | 'to') => {
    const common = { 'aria-label': `${label}: ${t(`records.range.${which}`)}`, placeholder: t(`records.range.${which}`), error: Boolean(error), style: { flex: 1, minWidth: 0 } };
    if (kind === 'date') return <TextInput {...common} type="date" value={control.value(param)} onChange={(e) => control.set(param)(e.currentTarget.value)} />;
    return <ParamNumber {...common} kind={kind} param={param} control={control} />;
  };
  return (
    <Input.Wrapper label={label} error={error}>
      <Group gap={6} wrap="nowrap">
        {input(from, 'from')}
        {input(to, 'to')}
      </Group>
    </Input.Wrapper>
  );
}

// One custom field's filter: exact text or option, "holds" for a multiselect, yes/no, or a range.
export function CustomFieldFilter({ field, control }: { field: CustomField; control: FilterControl }) {
  const { t } = useTranslation();
  const [param, to] = customParams(field) as [string, string | undefined];
  if (isRanged(field.type)) return <RangeFilter label={field.label} kind={field.type as RangeKind} from={param} to={to!} control={control} />;
  const common = { label: field.label, error: control.error(param), value: control.value(param) };
  const any = { value: '', label: t('records.any') };
  switch (field.type) {
    case 'boolean':
      return <Select {...common} onChange={control.set(param)} allowDeselect={false} data={[any, { value: 'true', label: t('customFields.yes') }, { value: 'false', label: t('customFields.no') }]} />;
    case 'select':
    case 'multiselect':
      return <Select {...common} onChange={control.set(param)} allowDeselect={false} searchable={field.options.length > 8} data={[any, ...field.options.map((o) => ({ value: o, label: o }))]} />;
    default:
      return <TextInput {...common} description={t('records.exactMatch')} onChange={(e) => control.set(param)(e.currentTarget.value)} />;
  }
}

// A list's own "any/this one" select (owner, pipeline, stage…), with "any" first.
export function ChoiceFilter({ label, param, data, control, searchable }: { label: string; param: string; data: { value: string; label: string }[]; control: FilterControl; searchable?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      value={control.value(param)}
      onChange={control.set(param)}
      allowDeselect={false}
      searchable={searchable}
      error={control.error(param)}
      data={[{ value: '', label: t('records.any') }, ...data]}
    />
  );
}

export function TextFilter({ label, param, control, type, placeholder }: { label: string; param: string; control: FilterControl; type?: string; placeholder?: string }) {
  return <TextInput label={label} type={type} placeholder={placeholder} value={control.value(param)} onChange={(e) => control.set(param)(e.currentTarget.value)} error={control.error(param)} />;
}
