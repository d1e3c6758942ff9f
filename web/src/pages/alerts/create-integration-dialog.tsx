import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '../../shell/modal-dialog';
import { useSession } from '../../auth/session';
import type { AlertKind, CreateAlertIntegrationMutation } from '../../gql/graphql';
import { useTeam } from '../../shell/team-context';
import { failure, KIND_NAMES, KINDS, SIGNING_KINDS } from './alerts-format';
import { CreateAlertIntegration } from './alerts-queries';

export type CreatedIntegration = CreateAlertIntegrationMutation['createAlertIntegration'];

/** A new webhook endpoint: its tool, name and target board (and, for signing tools, a secret). */
export function CreateIntegrationDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: CreatedIntegration) => void;
}) {
  const team = useTeam();
  const { connection } = useSession();
  const id = useId();
  const [kind, setKind] = useState<AlertKind>('ALERTMANAGER');
  const [name, setName] = useState('');
  const [boardId, setBoardId] = useState(team.boards[0]?.id ?? '');
  const [hmacSecret, setHmacSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signs = SIGNING_KINDS.includes(kind);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('An integration needs a name.');
      return;
    }
    setBusy(true);
    const result = await connection.client
      .mutation(CreateAlertIntegration, {
        input: {
          teamId: team.id,
          kind,
          name: name.trim(),
          ...(boardId ? { boardId } : {}),
          ...(signs && hmacSecret ? { hmacSecret } : {}),
        },
      })
      .toPromise();
    setBusy(false);
    if (result.data) onCreated(result.data.createAlertIntegration);
    else setError(failure(result.error, 'Not created'));
  };

  return (
    <ModalDialog title="New integration" wide onCancel={onClose}>
      <form className="alerts-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Tool</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as AlertKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-board`}>Board for new cards</label>
          <select id={`${id}-board`} value={boardId} onChange={(e) => setBoardId(e.target.value)}>
            {team.boards.length === 0 && <option value="">The team has no board yet</option>}
            {team.boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <p className="hint">Cards land in its Triage column (else its first).</p>
        </div>
        {signs && (
          <div className="field">
            <label htmlFor={`${id}-hmac`}>HMAC secret (optional)</label>
            <input
              id={`${id}-hmac`}
              type="password"
              autoComplete="off"
              value={hmacSecret}
              aria-describedby={`${id}-hmac-hint`}
              onChange={(e) => setHmacSecret(e.target.value)}
            />
            <p className="hint" id={`${id}-hmac-hint`}>
              {kind === 'PAGERDUTY'
                ? 'The webhook subscription’s signing secret.'
                : 'The same secret as in the contact point’s HMAC settings.'}
            </p>
          </div>
        )}
        {error && (
          <p className="field-error wide" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions wide">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create integration'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
