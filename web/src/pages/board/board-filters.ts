import type { Card } from './board-state';

export interface Filters {
  source: '' | 'MANUAL' | 'ALERT';
  /** A member id, 'none' for unassigned, '' for anyone. */
  assignee: string;
  label: string;
  priority: string;
  text: string;
}

export const NO_FILTERS: Filters = { source: '', assignee: '', label: '', priority: '', text: '' };

export function isFiltering(filters: Filters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

export function matches(card: Card, filters: Filters): boolean {
  if (filters.source && card.source !== filters.source) return false;
  if (
    filters.assignee === 'none'
      ? card.assignee
      : filters.assignee && card.assignee?.id !== filters.assignee
  )
    return false;
  if (filters.label && !card.labels.includes(filters.label)) return false;
  if (filters.priority && card.priority !== filters.priority) return false;
  const text = filters.text.trim().toLowerCase();
  if (text && !`${card.key} ${card.title}`.toLowerCase().includes(text)) return false;
  return true;
}
