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
const toInput = (kind: RangeKind, v: string): number | string =>
  v === '' ? '' : kind === 'money' ? Number(v) / 100 : Number(v);
const toParam = (kind: RangeKind, v: number | string): string =>
  typeof v !== 'number' ? '' : kind === 'money' ? String(Math.round(v * 100)) : String(v);

// A typed filter: the input shows every letter at once, the list follows 300 ms after the last
// one (one request per pause, not per letter), and the input follows the parameter when a view
// or a reset changes it.
export function useSettledParam(
  control: FilterControl,
  param: string,
  delay = 300,
): [string, (text: string) => void] {
  const current = control.value(param);
  const [text, setText] = useState(current);
  const sent = useRef(current);
  const latest = useRef(control);
  latest.current = control;
  useEffect(() => {
    if (current === sent.current) return;
    sent.current = current;
    setText(current);
  }, [current]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      latest.current.set(param)(text);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, param, delay]);
  return [text, setText];
}

// A number typed into a filter: the parameter changes only when the text is a number (not at
// "1," on the way to "1,5"); money is shown in roubles and sent in kopecks.
function ParamNumber({
  kind,
  param,
  control,
  ...rest
}: {
  kind: Exclude<RangeKind, 'date'>;
  param: string;
  control: FilterControl;
  'aria-label': string;
  placeholder: string;
  error: boolean;
  style: object;
}) {
  const { i18n } = useTranslation();
  const [sent, setSent] = useSettledParam(control, param);
  const [text, setText] = useState<number | string>(toInput(kind, sent));
  useEffect(
    () => setText((shown) => (toParam(kind, shown) === sent ? shown : toInput(kind, sent))),
    [kind, sent],
  );
  const ru = i18n.language !== 'en';
  return (
    <NumberInput
      {...rest}
      value={text}
      onChange={(v) => {
        setText(v);
        if (typeof v === 'number' || v === '') setSent(toParam(kind, v));
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
export function RangeFilter({
  label,
  kind,
  from,
  to,
  control,
}: {
  label: string;
  kind: RangeKind;
  from: string;
  to: string;
  control: FilterControl;
}) {
  const { t } = useTranslation();
  const error = control.error(from) ?? control.error(to);
  const input = (param: string, which: 'from' | 'to') => {
    const common = {
      'aria-label': `${label}: ${t(`records.range.${which}`)}`,
      placeholder: t(`records.range.${which}`),
      error: Boolean(error),
      style: { flex: 1, minWidth: 0 },
    };
    if (kind === 'date')
      return (
        <TextInput
          {...common}
          type="date"
          value={control.value(param)}
          onChange={(e) => control.set(param)(e.currentTarget.value)}
        />
      );
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
export function CustomFieldFilter({
  field,
  control,
}: {
  field: CustomField;
  control: FilterControl;
}) {
  const { t } = useTranslation();
  const [param, to] = customParams(field) as [string, string | undefined];
  if (isRanged(field.type))
    return (
      <RangeFilter
        label={field.label}
        kind={field.type as RangeKind}
        from={param}
        to={to!}
        control={control}
      />
    );
  const common = { label: field.label, error: control.error(param), value: control.value(param) };
  const any = { value: '', label: t('records.any') };
  switch (field.type) {
    case 'boolean':
      return (
        <Select
          {...common}
          onChange={control.set(param)}
          allowDeselect={false}
          data={[
            any,
            { value: 'true', label: t('customFields.yes') },
            { value: 'false', label: t('customFields.no') },
          ]}
        />
      );
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...common}
          onChange={control.set(param)}
          allowDeselect={false}
          searchable={field.options.length > 8}
          data={[any, ...field.options.map((o) => ({ value: o, label: o }))]}
        />
      );
    default:
      return (
        <TextFilter
          label={field.label}
          param={param}
          control={control}
          description={t('records.exactMatch')}
        />
      );
  }
}

// A list's own "any/this one" select (owner, pipeline, stage…), with "any" first.
export function ChoiceFilter({
  label,
  param,
  data,
  control,
  searchable,
}: {
  label: string;
  param: string;
  data: { value: string; label: string }[];
  control: FilterControl;
  searchable?: boolean;
}) {
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

export function TextFilter({
  label,
  param,
  control,
  type,
  placeholder,
  description,
}: {
  label: string;
  param: string;
  control: FilterControl;
  type?: string;
  placeholder?: string;
  description?: string;
}) {
  const [text, setText] = useSettledParam(control, param);
  return (
    <TextInput
      label={label}
      type={type}
      placeholder={placeholder}
      description={description}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      error={control.error(param)}
    />
  );
}
