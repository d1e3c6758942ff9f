import { useEffect, useRef } from 'react';
import { CopyableCode } from './copy-button';

/**
 * A credential just issued (an alert integration's token, a notification channel's signing
 * secret): shown this once (it lives only in the page's memory, never in the URL, storage or
 * logs), with a copy button; focus moves here so keyboard and screen-reader users hear it.
 */
export function OneTimeSecret({
  title,
  token,
  note,
  noun = 'token',
  explanation = 'store it in the sender’s configuration (the snippets below include it until you hide it).',
  onDismiss,
}: {
  title: string;
  token: string;
  note?: string;
  /** What it is, in "This token is shown only now" and "hide the token". */
  noun?: string;
  /** What to do with it, after "This token is shown only now: ". */
  explanation?: string;
  onDismiss: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [token]);
  return (
    <section className="notice notice-secret" aria-labelledby="one-time-secret-title">
      <h3 id="one-time-secret-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <p>
        This {noun} is shown only now: {explanation}
        {note ? ` ${note}` : ''}
      </p>
      <p>
        <CopyableCode value={token} label={`the ${noun}`} />
      </p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        I have stored it: hide the {noun}
      </button>
    </section>
  );
}
