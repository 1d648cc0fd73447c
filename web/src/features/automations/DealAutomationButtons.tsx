import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useDealButtons, usePressButton } from './use-automations';

// The deal card's automation buttons: rules with a button trigger for the deal's pipeline. Pressing
// one runs the rule for this deal (its actions follow at once or after its delay).
export function DealAutomationButtons({ dealId, canPress }: { dealId: string; canPress: boolean }) {
  const { t } = useTranslation();
  const buttons = useDealButtons(dealId);
  const press = usePressButton(dealId, {
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const items = buttons.data ?? [];
  if (!items.length) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('automations.buttons')}>
      {items.map((b) => (
        <Button
          key={b.automationId}
          size="xs"
          variant="light"
          color="yellow"
          disabled={!canPress}
          loading={press.isPending && press.variables === b.automationId}
          onClick={() =>
            press.mutate(b.automationId, {
              onSuccess: () =>
                notifications.show({ message: t('automations.pressed', { label: b.label }) }),
            })
          }
        >
          {b.label}
        </Button>
      ))}
    </Group>
  );
}
