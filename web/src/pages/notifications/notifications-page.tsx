import { ObjectListLayout } from '../../shell/object-list';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useLocation, useSearch } from 'wouter';
import { useTeam } from '../../shell/team-context';
import { ChannelDetail, type ShownSecret } from './channel-detail';
import { CreateChannelDialog } from './create-channel-dialog';
import { KIND_NAMES, type Channel } from './notifications-format';
import { NotificationChannels } from './notifications-queries';
import './notifications.css';

/**
 * The team's notification channels (one open, ?channel=<id>): where each posts, what about, a
 * test message, what was delivered; creating one. A signing secret issued here lives in this
 * page's state only (never the URL, storage or logs).
 */
export function NotificationsPage() {
  const team = useTeam();
  const [{ data, error, fetching }] = useQuery({
    query: NotificationChannels,
    variables: { teamId: team.id },
  });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  // The answers of this page's mutations (and channels it created or deleted), newer than the list.
  const [changed, setChanged] = useState<Record<string, Channel>>({});
  const [deleted, setDeleted] = useState<string[]>([]);
  const [said, setSaid] = useState('');
  const [, navigate] = useLocation();
  const selectedId = new URLSearchParams(useSearch()).get('channel');

  const listed = data?.notificationChannels ?? [];
  const channels = [
    ...listed.map((c) => changed[c.id] ?? c),
    ...Object.values(changed).filter((c) => !listed.some((l) => l.id === c.id)),
  ].filter((c) => !deleted.includes(c.id));
  const selected = channels.find((c) => c.id === selectedId) ?? channels[0];
  const keep = (channel: Channel) => setChanged((c) => ({ ...c, [channel.id]: channel }));

  return (
    <main className="page notify-page" id="main">
      <div className="notify-head">
        <h1 className="page-title">Notifications</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New channel
        </button>
      </div>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {error && !data && (
        <div className="notice notice-error" role="alert">
          The channels could not be loaded: {error.message}
        </div>
      )}
      {fetching && !data && (
        <p className="page-message" role="status">
          Loading the channels…
        </p>
      )}
      {data && channels.length === 0 && (
        <div className="notice">
          <p>
            {team.name} tells no one yet. Add a channel to post new alert cards, SLA breaches, an
            exhausted reserve or sprint summaries to a Slack or Mattermost channel, or to any tool
            as a signed webhook.
          </p>
        </div>
      )}
      {channels.length > 0 && (
        <ObjectListLayout
          label="Channels"
          items={channels.map((c) => ({
            id: c.id,
            name: c.name,
            meta: `${KIND_NAMES[c.kind]} · ${c.enabled ? events(c.events.length) : 'disabled'}`,
          }))}
          selectedId={selected?.id}
          hrefOf={(id) => `/notifications?channel=${encodeURIComponent(id)}`}
        >
          {selected && (
            <ChannelDetail
              key={selected.id}
              channel={selected}
              shown={shown?.channelId === selected.id ? shown : null}
              onDismissSecret={() => setShown(null)}
              onChanged={keep}
              onDeleted={(channel) => {
                setDeleted((d) => [...d, channel.id]);
                if (shown?.channelId === channel.id) setShown(null);
                setSaid(`Channel ${channel.name} deleted.`);
                navigate('/notifications');
              }}
            />
          )}
        </ObjectListLayout>
      )}
      {creating && (
        <CreateChannelDialog
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSaid('');
            setShown(
              created.signingSecret
                ? { channelId: created.channel.id, secret: created.signingSecret }
                : null,
            );
            keep(created.channel);
            navigate(`/notifications?channel=${encodeURIComponent(created.channel.id)}`);
          }}
        />
      )}
    </main>
  );
}

const events = (n: number): string => (n === 1 ? '1 event' : `${n} events`);
