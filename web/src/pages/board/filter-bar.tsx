import { useId } from 'react';
import { isFiltering, NO_FILTERS, type Filters } from './board-filters';
import { label, PRIORITIES } from './labels';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
  members: { id: string; name: string }[];
  labels: string[];
  shown: number;
  total: number;
}

/** Filters by source, assignee, label, priority and text (key and title). */
export function FilterBar({ filters, onChange, members, labels, shown, total }: Props) {
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter cards"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="filter">
        <label htmlFor={`${id}-text`}>Search</label>
        <input
          id={`${id}-text`}
          type="search"
          placeholder="Key or title"
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-source`}>Source</label>
        <select
          id={`${id}-source`}
          value={filters.source}
          onChange={(e) => set({ source: e.target.value as Filters['source'] })}
        >
          <option value="">Any</option>
          <option value="ALERT">Alerts</option>
          <option value="MANUAL">Manual</option>
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-assignee`}>Assignee</label>
        <select
          id={`${id}-assignee`}
          value={filters.assignee}
          onChange={(e) => set({ assignee: e.target.value })}
        >
          <option value="">Anyone</option>
          <option value="none">Unassigned</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-label`}>Label</label>
        <select
          id={`${id}-label`}
          value={filters.label}
          onChange={(e) => set({ label: e.target.value })}
        >
          <option value="">Any</option>
          {labels.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={filters.priority}
          onChange={(e) => set({ priority: e.target.value })}
        >
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </select>
      </div>
      {isFiltering(filters) && (
        <div className="filter filter-summary">
          <span role="status">
            {shown} of {total} cards
          </span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onChange(NO_FILTERS)}
          >
            Clear
          </button>
        </div>
      )}
    </form>
  );
}
