import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

type Props = ButtonProps & {
  // The button and the confirming button say "Удалить"/"Delete" unless told otherwise.
  label?: string;
  ariaLabel?: string;
  title: string;
  message: string;
  confirmLabel?: string;
  cancelLabel?: string;
  onConfirm: () => void;
};

// A destructive action asks once in a dialog; the dialog's buttons are ordinary, focusable buttons.
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  ...button
}: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="red"
        aria-label={ariaLabel}
        {...button}
        onClick={open}
      >
        {label ?? t('common.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text mb="md">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {cancelLabel ?? t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel ?? t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
