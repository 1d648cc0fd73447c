import { notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { errorMessage } from './error-message';
import { i18n } from './i18n';
import { sessionKey } from './session';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
    // inlineErrors: the form shows the error itself, so no toast.
    mutationMeta: { inlineErrors?: boolean };
  }
}

// A wrong password or code is a 401 too, but it does not end a session.
function isSessionLost(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    e.status === 401 &&
    e.code !== 'auth.invalid_credentials' &&
    e.code !== 'auth.invalid_two_factor_code'
  );
}

export function createQueryClient(): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (e) => {
        if (isSessionLost(e)) qc.setQueryData(sessionKey, null);
      },
    }),
    mutationCache: new MutationCache({
      onError: (e, _vars, _ctx, mutation) => {
        if (e instanceof ApiError) {
          if (isSessionLost(e)) qc.setQueryData(sessionKey, null);
          // The trial ran out while the page was open: refresh the session so the read-only banner shows.
          if (e.status === 402) void qc.invalidateQueries({ queryKey: sessionKey });
        }
        if (mutation.meta?.inlineErrors) return;
        notifications.show({
          color: 'red',
          title: i18n.t('errors.title'),
          message: errorMessage(e),
        });
      },
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, e) =>
          !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2,
      },
    },
  });
  return qc;
}
