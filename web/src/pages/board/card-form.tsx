import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTeam } from '../../shell/team-context';
import type { TaskPriority, TaskType } from '../../gql/graphql';
import { label, PRIORITIES, TYPES } from './labels';

export interface CardFields {
  title: string;
  description: string;
  type: TaskType;
  priority: TaskPriority;
  estimate: string;
  assigneeId: string;
  labels: string;
}

export const EMPTY_CARD: CardFields = {
  title: '',
  description: '',
  type: 'FEATURE',
  priority: 'NONE',
  estimate: '',
  assigneeId: '',
  labels: '',
};

/** The API's input from the form: trimmed, labels split on commas, empty estimate as none. */
export function cardInput(fields: CardFields) {
  return {
    title: fields.title.trim(),
    description: fields.description,
    type: fields.type,
    priority: fields.priority,
    estimate: fields.estimate.trim() === '' ? null : Number(fields.estimate),
    assigneeId: fields.assigneeId || null,
    labels: fields.labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

interface Props {
  initial: CardFields;
  submitLabel: string;
  /** Resolves to an error message, or null when saved. */
  onSubmit: (fields: CardFields) => Promise<string | null>;
  onCancel: () => void;
  extra?: React.ReactNode;
}

/** Title, type, priority, estimate, assignee, labels and description of a card. */
export function CardForm({ initial, submitLabel, onSubmit, onCancel, extra }: Props) {
  const team = useTeam();
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CardFields>) => setFields((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields.title.trim()) {
      setError('A card needs a title.');
      return;
    }
    setBusy(true);
    const failure = await onSubmit(fields);
    setBusy(false);
    setError(failure);
  };

  return (
    <form className="card-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field wide">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={fields.title}
          maxLength={500}
          required
          onChange={(e) => set({ title: e.target.value })}
        />
      </div>
      {extra}
      <div className="field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select
          id={`${id}-type`}
          value={fields.type}
          onChange={(e) => set({ type: e.target.value as TaskType })}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {label(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={fields.priority}
          onChange={(e) => set({ priority: e.target.value as TaskPriority })}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-estimate`}>Estimate (points)</label>
        <input
          id={`${id}-estimate`}
          type="number"
          min={0}
          max={100}
          step="any"
          value={fields.estimate}
          onChange={(e) => set({ estimate: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>Assignee</label>
        <select
          id={`${id}-assignee`}
          value={fields.assigneeId}
          onChange={(e) => set({ assigneeId: e.target.value })}
        >
          <option value="">Unassigned</option>
          {team.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-labels`}>Labels (comma-separated)</label>
        <input
          id={`${id}-labels`}
          value={fields.labels}
          onChange={(e) => set({ labels: e.target.value })}
        />
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={5}
          value={fields.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </div>
      {error && (
        <p className="field-error wide" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions wide">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
