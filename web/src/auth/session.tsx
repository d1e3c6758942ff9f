import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { createConnection, type Connection, type LinkStatus } from '../graphql/connection';
import type { ViewerInfo } from './check-token';
import { SignInPage, type SignInReason } from './sign-in-page';
import { clearToken, readToken, saveToken } from './token-store';

export interface Session {
  viewer: ViewerInfo | null;
  connection: Connection;
  linkStatus: LinkStatus;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** The signed-in tab: the sign-in page until a token is accepted, then the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(readToken);
  const [viewer, setViewer] = useState<ViewerInfo | null>(null);
  const [ended, setEnded] = useState<SignInReason>(null);
  const [linkStatus, setLinkStatus] = useState<LinkStatus>('connecting');

  const end = useCallback((reason: SignInReason) => {
    clearToken();
    setToken(null);
    setViewer(null);
    setEnded(reason);
  }, []);

  const connection = useMemo(
    () =>
      token
        ? createConnection(token, {
            onStatus: setLinkStatus,
            onTokenRejected: () => end('revoked'),
          })
        : null,
    [token, end],
  );
  useEffect(() => () => connection?.dispose(), [connection]);

  const session = useMemo<Session | null>(
    () =>
      connection ? { viewer, connection, linkStatus, signOut: () => end('signed-out') } : null,
    [connection, viewer, linkStatus, end],
  );

  if (!session)
    return (
      <SignInPage
        reason={ended}
        onSignedIn={(accepted, who) => {
          saveToken(accepted);
          setViewer(who);
          setEnded(null);
          setToken(accepted);
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <Provider value={session.connection.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
