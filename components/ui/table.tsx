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

export function Th({ children, className, numeric }: { children: ReactNode; className?: string; numeric?: boolean }) {
  return (
    <th scope="col" className={cx('border-b border-line bg-canvas px-4 py-2 font-semibold text-ink', numeric && 'text-right', className)}>
      {children}
    </th>
  );
}

export function Td({ children, className, numeric, colSpan }: { children: ReactNode; className?: string; numeric?: boolean; colSpan?: number }) {
  return (
    <td colSpan={colSpan} className={cx('border-b border-line px-4 py-2 align-top', numeric && 'text-right tabular-nums', className)}>
      {children}
    </td>
  );
}
