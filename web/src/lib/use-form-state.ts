import { type ChangeEvent, type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { ApiError, lastSegment } from './api';
import { errorMessage } from './error-message';
import { type Checked, type FieldErrors, validate } from './form-errors';

type TextKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;
// A submit check: the contract's schema (with an optional mapping of the values to its input), or a
// function for what a schema cannot say (a money string, "one of two names").
type Check<T, D> = z.ZodType<D> | ((values: T) => Checked<D>);

// The one form hook: values of any kind (text, choices, switches), per-field errors, and one message
// for the whole form; the submit checks the values with the contract's schema before anything is sent.
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = <K extends keyof T & string>(name: K, value: T[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _dropped, ...rest }) => rest);
  };
  // A text input's props: value, error, onChange.
  const field = (name: TextKeys<T>) => ({
    value: values[name] as string,
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      set(name, e.currentTarget.value as T[typeof name]),
  });

  // Server errors land under the matching input; anything without an input goes on top of the form.
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.hasFieldErrors) {
      const known: FieldErrors = {};
      const unknown: string[] = [];
      const messages = e.fieldErrors;
      // A coded error aimed at one field (wrong password, e-mail taken) reads better translated.
      if (e.field) messages[lastSegment(e.field)] = errorMessage(e);
      for (const [k, msg] of Object.entries(messages)) {
        if (k in values) known[k] = msg;
        else unknown.push(`${k}: ${msg}`);
      }
      setErrors(known);
      setFormError(unknown.length ? `${errorMessage(e)} ${unknown.join('; ')}` : null);
      return;
    }
    setErrors({});
    setFormError(errorMessage(e));
  };

  const clear = () => {
    setErrors({});
    setFormError(null);
  };

  // The form's onSubmit: drop old messages, check the values here first, and only send what passed.
  const onSubmit =
    <D>(check: Check<T, D>, send: (data: D) => void, toInput?: (values: T) => unknown) =>
    (e: FormEvent) => {
      e.preventDefault();
      clear();
      const r =
        typeof check === 'function'
          ? check(values)
          : validate(check, toInput ? toInput(values) : values);
      if (r.ok) send(r.data as D);
      else setErrors(r.errors);
    };

  return {
    values,
    setValues,
    set,
    errors,
    setErrors,
    formError,
    setFormError,
    field,
    fail,
    clear,
    onSubmit,
  };
}

export type FormState<T extends Record<string, unknown>> = ReturnType<typeof useFormState<T>>;
