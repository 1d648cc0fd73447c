import { PasswordInput, type PasswordInputProps } from '@mantine/core';

// Mantine's toggle is named "Toggle password visibility", which a label query for "Password" also finds;
// the caller gives it a name that does not repeat the field's label.
export function PasswordField({
  toggleLabel,
  ...props
}: PasswordInputProps & { toggleLabel: string }) {
  return <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': toggleLabel }} />;
}
