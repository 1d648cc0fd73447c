import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../lib/error-message';
import { setLanguage, storedLanguage } from '../lib/i18n';
import { MeContext, useSession } from '../lib/session';

export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const me = session.data?.me ?? null;

  // A device with no language of its own follows the account's language.
  useEffect(() => {
    if (me && !storedLanguage()) void setLanguage(me.user.locale);
  }, [me]);

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <Stack>
          <Alert color="red" title={t('errors.title')}>
            {errorMessage(session.error)}
          </Alert>
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const s = session.data;
  if (s?.twoFactorSetupRequired) return <Navigate to="/two-factor-setup" replace />;
  if (!s || s.twoFactorRequired || !me) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />
    );
  }
  return (
    <MeContext.Provider value={me}>
      <Outlet />
    </MeContext.Provider>
  );
}
