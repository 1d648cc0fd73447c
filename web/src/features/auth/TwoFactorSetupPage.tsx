import { Alert, Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { applySession, useSession } from '../../app/session';
import { TwoFactorSetupFlow } from '../security/TwoFactorSetupFlow';
import { AuthLayout } from './AuthLayout';

// The workspace demands two-factor and this user has none yet: nothing else opens until it is set up.
export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
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
      <TwoFactorSetupFlow
        onEnabled={async (res) => {
          await applySession(qc, res);
          void navigate('/', { replace: true });
        }}
      />
    </AuthLayout>
  );
}
