import type { Workspace } from '@voronka/contract';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function TrialBanner({
  workspace,
}: {
  workspace: Pick<Workspace, 'plan' | 'trialDaysLeft'>;
}) {
  const { t } = useTranslation();
  if (workspace.plan !== 'trial' || workspace.trialDaysLeft === null) return null;
  const days = Math.max(0, workspace.trialDaysLeft);
  return (
    <Alert data-testid="trial-banner" color={days <= 3 ? 'orange' : 'blue'} mb="md" role="status">
      {days === 0 ? t('trial.lastDay') : t('trial.daysLeft', { count: days })}
    </Alert>
  );
}

export function ReadOnlyBanner() {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="readonly-banner"
      color="red"
      variant="filled"
      mb="md"
      title={t('trial.expiredTitle')}
      role="alert"
    >
      {t('trial.expired')}
    </Alert>
  );
}
