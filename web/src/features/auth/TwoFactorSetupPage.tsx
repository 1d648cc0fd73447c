import { Alert, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../lib/session';
import { TwoFactorSetupFlow } from '../security';
import { AuthLayout } from './AuthLayout';
import { useAfterSignIn } from './use-after-sign-in';

// The workspace demands two-factor and this user has none yet: nothing else opens until it is set up.
export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const session = useSession();
  const after = useAfterSignIn();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!session.data) return <Navigate to="/sign-in" replace />;
  if (!session.data.twoFactorSetupRequired) return <Navigate to="/" replace />;
  return (
    <AuthLayout title={t('security.setupTitle')}>
      <Alert color="yellow">{t('security.setupRequired')}</Alert>
      <TwoFactorSetupFlow onEnabled={after} />
    </AuthLayout>
  );
}
