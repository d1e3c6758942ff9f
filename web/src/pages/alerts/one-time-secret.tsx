import { useEffect, useRef } from 'react';
import { CopyableCode } from './copy-button';

/**
 * A token just issued: shown this once (it lives only in this page's memory, never in the URL,
 * storage or logs), with a copy button; focus moves here so keyboard and screen-reader users
 * hear it.
 */
export function OneTimeSecret({
  title,
  token,
  note,
  onDismiss,
}: {
  title: string;
  token: string;
  note?: string;
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
        This token is shown only now: store it in the sender’s configuration (the snippets below
        include it until you hide it).
        {note ? ` ${note}` : ''}
      </p>
      <p>
        <CopyableCode value={token} label="the token" />
      </p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        I have stored it: hide the token
      </button>
    </section>
  );
}
