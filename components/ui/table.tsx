import type { ReactNode } from 'react';
import { cx } from './cx';

/** A table with a caption, scrolling sideways on a narrow screen instead of overflowing. */
export function Table({ caption, children, className }: { caption: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div
      className={cx('overflow-x-auto rounded-xl border border-line bg-surface', className)}
      tabIndex={0}
      role="region"
      aria-label={typeof caption === 'string' ? caption : undefined}
    >
      <table className="w-full border-collapse text-left text-sm">
        <caption className="px-4 py-3 text-left text-base font-semibold text-ink">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

// Cells carry short classes of app/globals.css (`.th`, `.td`, `.td-num`): the staff pages repeat
// them hundreds of times, in the HTML and again in the RSC payload (issue #31). An absent
// colSpan is left out rather than passed as undefined, which the payload would spell out.
export function Th({ children, className, numeric }: { children: ReactNode; className?: string; numeric?: boolean }) {
  return (
    <th scope="col" className={cx('th', numeric && 'text-right', className)}>
      {children}
    </th>
  );
}

export function Td({ children, className, numeric, colSpan }: { children: ReactNode; className?: string; numeric?: boolean; colSpan?: number }) {
  return (
    <td {...(colSpan ? { colSpan } : null)} className={cx('td', numeric && 'td-num', className)}>
      {children}
    </td>
  );
}
