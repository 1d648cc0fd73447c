import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, lastSegment } from './api';
import { errorMessage } from './error-message';
import type { Checked, FieldErrors } from './form-errors';

// Plain controlled-form state: values, per-field errors, and one message for the whole form.
export function useFormState<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const field = (name: keyof T & string) => ({
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
      setErrors(({ [name]: _dropped, ...rest }) => rest);
    },
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
    <D>(check: (values: T) => Checked<D>, send: (data: D) => void) =>
    (e: FormEvent) => {
      e.preventDefault();
      clear();
      const r = check(values);
      if (r.ok) send(r.data);
      else setErrors(r.errors);
    };

  return {
    values,
    setValues,
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
