import { Button, Group } from '@mantine/core';

// A dialog form's footer: cancel on the left, the form's own submit button on the right.
export function DialogActions(props: {
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  loading: boolean;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>
        {props.cancelLabel}
      </Button>
      <Button type="submit" loading={props.loading}>
        {props.submitLabel}
      </Button>
    </Group>
  );
}
