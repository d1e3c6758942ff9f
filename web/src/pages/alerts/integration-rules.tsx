import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import type { AlertRulesInput, AlertSeverity } from '../../gql/graphql';
import { capitalized, failure, type Integration } from './alerts-format';
import { UpdateAlertIntegration } from './alerts-queries';

type Rules = Integration['rules'];
type Matcher = Rules['ignore'][number]['matchers'][number];

const SEVERITIES: AlertSeverity[] = ['INFO', 'LOW', 'WARNING', 'HIGH', 'CRITICAL'];
const OPS = ['EQ', 'NEQ', 'REGEX', 'NOT_REGEX'] as const;
const OP_SIGNS: Record<string, string> = { EQ: '=', NEQ: '!=', REGEX: '=~', NOT_REGEX: '!~' };

const matcherText = (m: Matcher): string =>
  `${m.label} ${OP_SIGNS[m.op] ?? m.op} ${JSON.stringify(m.value)}`;
const matchersText = (ms: Matcher[]): string => ms.map(matcherText).join(', ');

const matchersInput = (ms: Matcher[]) =>
  ms.map((m) => ({ label: m.label, op: m.op, value: m.value }));

/** The rules as an input (the API replaces all of them on update). */
function rulesInput(rules: Rules): AlertRulesInput {
  return {
    minSeverity: rules.minSeverity ?? null,
    ignore: rules.ignore.map((r) => ({ matchers: matchersInput(r.matchers) })),
    priorityOverrides: rules.priorityOverrides.map((r) => ({
      priority: r.priority,
      matchers: matchersInput(r.matchers),
    })),
    routes: rules.routes.map((r) => ({
      columnId: r.columnId,
      matchers: matchersInput(r.matchers),
    })),
  };
}

/** What the integration ignores, how it prioritizes and routes; ignore rules and the floor edited here. */
export function IntegrationRules({
  integration,
  onSaved,
}: {
  integration: Integration;
  onSaved: (integration: Integration) => void;
}) {
  const { connection } = useSession();
  const id = useId();
  const rules = integration.rules;
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [matcher, setMatcher] = useState({ label: '', op: 'EQ', value: '' });

  const save = async (next: AlertRulesInput, done: string): Promise<boolean> => {
    const result = await connection.client
      .mutation(UpdateAlertIntegration, { id: integration.id, input: { rules: next } })
      .toPromise();
    if (!result.data) {
      setError(failure(result.error, 'Not saved'));
      setSaid('');
      return false;
    }
    setError(null);
    setSaid(done);
    onSaved(result.data.updateAlertIntegration);
    return true;
  };

  const addIgnore = async (event: FormEvent) => {
    event.preventDefault();
    if (!matcher.label.trim()) {
      setError('An ignore rule needs a label.');
      return;
    }
    const current = rulesInput(rules);
    const added = await save(
      {
        ...current,
        ignore: [
          ...(current.ignore ?? []),
          { matchers: [{ ...matcher, label: matcher.label.trim() }] },
        ],
      },
      'Ignore rule added.',
    );
    if (added) setMatcher({ label: '', op: 'EQ', value: '' });
  };

  const columnName = (columnId: string) =>
    integration.board?.columns.find((c) => c.id === columnId)?.name ?? columnId;

  return (
    <section className="alerts-section" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <div className="field inline-field">
        <label htmlFor={`${id}-min`}>Ignore alerts below</label>
        <select
          id={`${id}-min`}
          value={rules.minSeverity ?? ''}
          onChange={(e) =>
            void save(
              {
                ...rulesInput(rules),
                minSeverity: (e.target.value || null) as AlertSeverity | null,
              },
              e.target.value
                ? `Alerts below ${e.target.value.toLowerCase()} are ignored.`
                : 'No severity floor.',
            )
          }
        >
          <option value="">No severity floor</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {capitalized(s)}
            </option>
          ))}
        </select>
      </div>
      <h3>Ignored</h3>
      {rules.ignore.length === 0 ? (
        <p className="muted">No ignore rule.</p>
      ) : (
        <ul className="rule-list">
          {rules.ignore.map((rule, i) => (
            <li key={i}>
              <code>{matchersText(rule.matchers)}</code>{' '}
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove the ignore rule ${matchersText(rule.matchers)}`}
                onClick={() => {
                  const current = rulesInput(rules);
                  void save(
                    { ...current, ignore: (current.ignore ?? []).filter((_, j) => j !== i) },
                    'Ignore rule removed.',
                  );
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="rule-form" onSubmit={(e) => void addIgnore(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-label`}>Label</label>
          <input
            id={`${id}-label`}
            value={matcher.label}
            placeholder="env"
            onChange={(e) => setMatcher({ ...matcher, label: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-op`}>Match</label>
          <select
            id={`${id}-op`}
            value={matcher.op}
            onChange={(e) => setMatcher({ ...matcher, op: e.target.value })}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {OP_SIGNS[op]} ({op.toLowerCase().replace('_', ' ')})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>Value</label>
          <input
            id={`${id}-value`}
            value={matcher.value}
            placeholder="staging"
            onChange={(e) => setMatcher({ ...matcher, value: e.target.value })}
          />
        </div>
        <button type="submit" className="button">
          Add ignore rule
        </button>
      </form>
      <h3>Priority overrides</h3>
      {rules.priorityOverrides.length === 0 ? (
        <p className="muted">None: the team’s severity map sets priorities.</p>
      ) : (
        <ul className="rule-list">
          {rules.priorityOverrides.map((rule, i) => (
            <li key={i}>
              <code>{matchersText(rule.matchers)}</code> → {capitalized(rule.priority)}
            </li>
          ))}
        </ul>
      )}
      <h3>Routes</h3>
      {rules.routes.length === 0 ? (
        <p className="muted">
          None: cards go to {integration.column?.name ?? 'the Triage column'}
          {integration.board ? ` of ${integration.board.name}` : ''}.
        </p>
      ) : (
        <ul className="rule-list">
          {rules.routes.map((rule, i) => (
            <li key={i}>
              <code>{matchersText(rule.matchers)}</code> → {columnName(rule.columnId)}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">Priority overrides and routes are set with updateAlertIntegration.</p>
      <p className="inbox-status" role="status">
        {said}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
