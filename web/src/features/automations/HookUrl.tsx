import { Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAutomationHook } from './use-automations';

// The secret URL of a rule's incoming webhook, for those who edit the rule (after it is saved).
export function HookUrl({ ruleId }: { ruleId: string | null }) {
  const { t } = useTranslation();
  const hook = useAutomationHook(ruleId);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('automations.hookUrl')}
      </Text>
      {hook.data?.url ? (
        <Code block data-testid="hook-url">
          {hook.data.url}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          {t('automations.hookAfterSave')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('automations.hookHint')}
      </Text>
    </Stack>
  );
}
