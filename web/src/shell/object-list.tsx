/**
 * A page of a team's configured objects (alert integrations, notification channels): the list
 * on the left, one open (a link per object, `aria-current` on the open one), its detail beside
 * it; the list turns into a row that scrolls sideways on narrow screens.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import './object-list.css';

export interface ListedObject {
  id: string;
  name: string;
  /** One line under the name: its kind and state. */
  meta: string;
}

export function ObjectListLayout({
  label,
  items,
  selectedId,
  hrefOf,
  children,
}: {
  /** The list's accessible name (`Integrations`, `Channels`). */
  label: string;
  items: ListedObject[];
  selectedId: string | undefined;
  hrefOf: (id: string) => string;
  /** The open object's detail. */
  children: ReactNode;
}) {
  return (
    <div className="object-layout">
      <nav className="object-nav" aria-label={label}>
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <Link
                href={hrefOf(item.id)}
                className="object-link"
                aria-current={item.id === selectedId ? 'page' : undefined}
              >
                <span className="object-name">{item.name}</span>
                <span className="object-meta">{item.meta}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
