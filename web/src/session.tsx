import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '../../src/access/contract';
import { api, ApiProblem, rememberCsrfToken } from './api';

interface SessionState {
  /** undefined while loading; null when nobody is signed in. */
  session: SessionView | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);

  const adopt = useCallback((next: SessionView | null) => {
    rememberCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  const reload = useCallback(async () => {
    try {
      adopt(await api<SessionView>('GET', '/api/session'));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) adopt(null);
      else throw error;
    }
  }, [adopt]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      reload,
      signIn: async (username, password) =>
        adopt(await api<SessionView>('POST', '/api/session', { username, password })),
      signOut: async () => {
        await api<void>('DELETE', '/api/session');
        adopt(null);
      },
    }),
    [session, reload, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
