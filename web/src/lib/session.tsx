import type { Entity, Me, SessionInfo } from '@voronka/contract';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, isApiError, setCsrfToken } from './api';

export const sessionKey = ['session'] as const;

// null means "nobody is signed in" (the server answered 401).
async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const s = await api.get('/auth/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 30_000, retry: false });
}

export function isSessionInfo(v: unknown): v is SessionInfo {
  return typeof v === 'object' && v !== null && typeof (v as SessionInfo).csrfToken === 'string';
}

// Auth endpoints answer with a SessionInfo; take it at once, then let the query confirm it.
export async function applySession(qc: QueryClient, response: unknown): Promise<void> {
  if (isSessionInfo(response)) {
    setCsrfToken(response.csrfToken);
    qc.setQueryData(sessionKey, response);
  }
  await qc.invalidateQueries({ queryKey: sessionKey });
}

export function clearSession(qc: QueryClient): void {
  setCsrfToken(null);
  qc.clear();
  qc.setQueryData(sessionKey, null);
}

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside a signed-in page');
  return me;
}

export function useCanRead(entity: Entity): boolean {
  return useMe().permissions[entity]?.read === true;
}
