import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { StatusBadge } from './DiscountApprovalsPage';
import { useDiscountApprovals, useRequestDiscount } from './use-discounts';

// On the deal card: the deal's latest discount request (pending, approved or rejected with the
// head's comment) and, while none is pending, a button to ask again for what the lines carry.
export function DealDiscountApproval({ dealId, canEdit }: { dealId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useDiscountApprovals({ dealId });
  const ask = useRequestDiscount();
  const latest = (list.data ?? []).find((a) => a.status !== 'withdrawn');
  if (!latest) return null;
  const color = { pending: 'yellow', approved: 'green', rejected: 'red', withdrawn: 'gray' }[
    latest.status
  ];
  return (
    <Alert color={color} aria-label={t('discounts.onDeal')} data-testid="deal-discount">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{t('discounts.percent', { percent: latest.percent })}</Text>
          <StatusBadge status={latest.status} />
          {latest.decisionComment ? <Text size="sm">«{latest.decisionComment}»</Text> : null}
        </Group>
        {latest.status === 'rejected' && canEdit ? (
          <Button
            size="xs"
            variant="default"
            loading={ask.isPending}
            onClick={() =>
              ask.mutate(
                { dealId },
                { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
              )
            }
          >
            {t('discounts.askAgain')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
