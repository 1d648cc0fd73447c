import { TextInput, type TextInputProps } from '@mantine/core';

// The six-digit code from an authenticator app: a numeric keypad on phones, and the browser may fill it in.
export function CodeField(props: TextInputProps) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      maw={240}
      {...props}
    />
  );
}
