import { useId } from 'react';
import type { NotificationEventType, TaskPriority } from '../../gql/graphql';
import {
  EVENT_NAMES,
  OFFERED_EVENTS,
  PRIORITY_EVENTS,
  PRIORITY_FLOORS,
  type Subscription,
} from './notifications-format';

/**
 * The events a channel is told about, one checkbox each in plain words; the alert-card events
 * with their priority floor. Subscriptions this page does not offer are kept as they are.
 */
export function EventChoices({
  value,
  onChange,
  error,
  legend = 'Tell this channel when',
}: {
  value: Subscription[];
  onChange: (next: Subscription[]) => void;
  /** The API's (or the form's) problem with the events, shown under them. */
  error?: string | null;
  legend?: string;
}) {
  const id = useId();
  const chosen = (type: NotificationEventType) => value.find((s) => s.type === type);
  const toggle = (type: NotificationEventType, on: boolean) =>
    onChange(on ? [...value, { type, minPriority: null }] : value.filter((s) => s.type !== type));
  const setFloor = (type: NotificationEventType, minPriority: TaskPriority | null) =>
    onChange(value.map((s) => (s.type === type ? { ...s, minPriority } : s)));

  return (
    <fieldset className="event-choices" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <ul>
        {OFFERED_EVENTS.map((type) => {
          const subscription = chosen(type);
          return (
            <li key={type} className="event-choice">
              <input
                type="checkbox"
                id={`${id}-${type}`}
                checked={Boolean(subscription)}
                onChange={(e) => toggle(type, e.target.checked)}
              />
              <span className="event-text">
                <label htmlFor={`${id}-${type}`}>{EVENT_NAMES[type]}</label>
                {subscription && PRIORITY_EVENTS.includes(type) && (
                  <span className="event-floor">
                    <label htmlFor={`${id}-${type}-floor`} className="visually-hidden">
                      Priority of the cards: {EVENT_NAMES[type]}
                    </label>
                    <select
                      id={`${id}-${type}-floor`}
                      value={subscription.minPriority ?? ''}
                      onChange={(e) =>
                        setFloor(type, (e.target.value || null) as TaskPriority | null)
                      }
                    >
                      <option value="">Any priority</option>
                      {PRIORITY_FLOORS.map(([priority, words]) => (
                        <option key={priority} value={priority}>
                          {words}
                        </option>
                      ))}
                    </select>
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
