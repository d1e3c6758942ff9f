import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { fieldProblems, type Channel } from './notifications-format';
import { UpdateNotificationChannel } from './notifications-queries';
import { UrlField } from './url-field';

type Problems = ReturnType<typeof fieldProblems>;

/**
 * The channel's name and URL. The URL is never read back whole (a Slack webhook's path is its
 * secret), so a new one replaces it and an empty field keeps it.
 */
export function ChannelSettings({
  channel,
  onSaved,
}: {
  channel: Channel;
  onSaved: (channel: Channel) => void;
}) {
  const { connection } = useSession();
  const id = useId();
  const [name, setName] = useState(channel.name);
  const [url, setUrl] = useState('');
  const [problems, setProblems] = useState<Problems>({ fields: {}, other: null });
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  const unchanged = name.trim() === channel.name && !url.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblems({ fields: { name: 'A channel needs a name.' }, other: null });
      setSaid('');
      return;
    }
    setBusy(true);
    const result = await connection.client
      .mutation(UpdateNotificationChannel, {
        id: channel.id,
        input: {
          ...(name.trim() !== channel.name ? { name: name.trim() } : {}),
          ...(url.trim() ? { url: url.trim() } : {}),
        },
      })
      .toPromise();
    setBusy(false);
    if (!result.data) {
      setProblems(fieldProblems(result.error));
      setSaid('');
      return;
    }
    setProblems({ fields: {}, other: null });
    setUrl('');
    setSaid(url.trim() ? 'Saved: messages now go to the new URL.' : 'Saved.');
    onSaved(result.data.updateNotificationChannel);
  };

  const { fields, other } = problems;
  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={200}
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {fields.name && (
          <p className="field-error" id={`${id}-name-error`} role="alert">
            {fields.name}
          </p>
        )}
      </div>
      <UrlField
        className="field settings-url"
        id={id}
        label="New URL"
        value={url}
        onChange={setUrl}
        error={fields.url}
        hint={`Leave it empty to keep posting to ${channel.target}`}
      />
      <button type="submit" className="button" disabled={busy || unchanged}>
        {busy ? 'Saving…' : 'Save name and URL'}
      </button>
      {other && (
        <p className="field-error settings-wide" role="alert">
          {other}
        </p>
      )}
      <p className="inbox-status settings-wide" role="status">
        {said}
      </p>
    </form>
  );
}
