import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { checkToken, type ViewerInfo } from './check-token';

/** Why the sign-in page is shown: first visit (null), signed out, or the token stopped working. */
export type SignInReason = null | 'signed-out' | 'revoked';

interface Props {
  reason: SignInReason;
  onSignedIn: (token: string, viewer: ViewerInfo) => void;
}

export function SignInPage({ reason, onSignedIn }: Props) {
  const inputId = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste an API token (it starts with lb_).');
      return;
    }
    setBusy(true);
    const check = await checkToken(value);
    setBusy(false);
    if (check.ok) onSignedIn(value, check.viewer);
    else setError(check.message);
  };

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <h1 className="brand-title">
          <span className="brand-mark" aria-hidden="true" />
          Loopboard
        </h1>
        {reason === 'revoked' && (
          <div className="notice notice-error" role="alert" data-testid="session-ended">
            <strong>Your session has ended.</strong> The token was revoked, rotated or has expired.
            Sign in with a valid token.
          </div>
        )}
        {reason === 'signed-out' && (
          <div className="notice" role="status">
            You are signed out.
          </div>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor={inputId}>API token</label>
          <input
            id={inputId}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="lb_…"
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : `${inputId}-hint`}
            onChange={(event) => setToken(event.target.value)}
          />
          {error ? (
            <p id={`${inputId}-error`} className="field-error" role="alert">
              {error}
            </p>
          ) : (
            <p id={`${inputId}-hint`} className="hint">
              The instance admin token printed on first start, or one from createApiToken. It is
              kept in this tab only.
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
