import { Alert, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCanWrite } from '../../lib/use-can-write';
import { PageHeader } from '../../ui/PageHeader';
import { BusinessHoursTab } from './BusinessHoursTab';
import { PriorityTab } from './PriorityTab';
import { RulesTab } from './RulesTab';
import { SlaTab } from './SlaTab';

const tabs = ['rules', 'sla', 'hours', 'priority'] as const;
type Tab = (typeof tabs)[number];

// Settings → Routing and SLA: who gets each request, how soon it must be answered, on which clock,
// and how warm it is. Everyone with routing «read» sees it; changing it takes routing «update».
export function RoutingSettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canEdit = useCanWrite('routing', 'update');
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'rules';

  return (
    <Stack>
      <PageHeader
        title={t('routingSettings.title')}
        description={t('routingSettings.description')}
      />
      {!canEdit ? <Alert color="gray">{t('routingSettings.readOnly')}</Alert> : null}
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'rules' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`routingSettings.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rules">
          <RulesTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="sla">
          <SlaTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="hours">
          <BusinessHoursTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="priority">
          <PriorityTab canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
