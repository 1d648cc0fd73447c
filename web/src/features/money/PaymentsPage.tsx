import { Group, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../lib/use-can-write';
import { useMe } from '../../lib/session';
import { ManualPayment } from './ManualPayment';
import { PaymentsTable } from './PaymentsTable';
import { ReviewQueue } from './ReviewQueue';
import { StatementUpload } from './StatementUpload';

// Money received: bank statement upload, the queue of payments a person matches, all payments.
export function PaymentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const all = me.permissions.finance?.visibility === 'all';
  const canCreate = useCanWrite('finance', 'create');
  const canUpdate = useCanWrite('finance', 'update');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('money.nav')}
        </Title>
        {canCreate && <ManualPayment />}
      </Group>
      {all && canCreate && <StatementUpload />}
      <Tabs defaultValue={all ? 'review' : 'payments'} keepMounted={false}>
        <Tabs.List>
          {all && <Tabs.Tab value="review">{t('money.review')}</Tabs.Tab>}
          <Tabs.Tab value="payments">{t('money.payments')}</Tabs.Tab>
        </Tabs.List>
        {all && (
          <Tabs.Panel value="review" pt="md">
            <ReviewQueue />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="payments" pt="md">
          <PaymentsTable canChange={canUpdate} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
