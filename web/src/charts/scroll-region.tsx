import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways on a narrow screen: a labelled region that takes keyboard
 * focus, so it can be scrolled without a mouse.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
