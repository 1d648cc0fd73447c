import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { AccessLogTable } from './AccessLogTable';
import { HandoverPanel } from './HandoverPanel';
import { RequestRegister } from './RequestRegister';
import { RetentionPanel } from './RetentionPanel';

// Personal data (152-FZ): the register of data-subject requests with their legal clock, the access
// log of cards, and handing a leaving member's clients over.
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('privacy.title')} description={t('privacy.description')} />
      <Tabs defaultValue="requests" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="requests">{t('privacy.tabs.requests')}</Tabs.Tab>
          <Tabs.Tab value="access">{t('privacy.tabs.access')}</Tabs.Tab>
          <Tabs.Tab value="handover">{t('privacy.tabs.handover')}</Tabs.Tab>
          <Tabs.Tab value="retention">{t('privacy.tabs.retention')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests" pt="md">
          <RequestRegister />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessLogTable />
        </Tabs.Panel>
        <Tabs.Panel value="handover" pt="md">
          <HandoverPanel />
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          <RetentionPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
