import { useSession } from '../auth/session';

/** Says when live updates stopped (the link retries by itself) and when they are back. */
export function ConnectionBanner() {
  const { linkStatus } = useSession();
  if (linkStatus !== 'lost') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-lost">
      Connection lost: live updates are paused. Reconnecting…
    </div>
  );
}
