import type { CardDetailQuery } from '../../gql/graphql';

type HistoryEntry = CardDetailQuery['task']['history'][number];

const describe = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join(' ');
  return JSON.stringify(value);
};

export const when = (at: string | null | undefined): string =>
  at ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** Every change of the card, oldest first, as text. */
export function CardHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <ol className="history">
      {entries.map((entry) => (
        <li key={entry.id}>
          <span className="history-kind">{entry.kind.toLowerCase().replace(/_/g, ' ')}</span>
          {(entry.from !== null || entry.to !== null) && (
            <span className="history-change">
              {' '}
              {describe(entry.from)} → {describe(entry.to)}
            </span>
          )}
          {entry.note && <span className="history-note"> · {entry.note}</span>}
          <div className="muted small">
            {entry.actor} · <time dateTime={entry.at}>{when(entry.at)}</time>
          </div>
        </li>
      ))}
    </ol>
  );
}
