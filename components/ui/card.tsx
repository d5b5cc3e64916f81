import type { ReactNode } from 'react';
import { cx } from './cx';

export function Card({
  title,
  children,
  className,
  headingLevel = 2,
  actions,
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
  actions?: ReactNode;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('rounded-xl border border-line bg-surface p-4 shadow-sm', className)}>
      {title || actions ? (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title ? <H className="text-lg font-semibold text-ink">{title}</H> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

/** A big number with its label, for overviews. */
export function Stat({ label, value, detail }: { label: ReactNode; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="rounded-xl border border-line bg-surface p-4">
      <p className="text-sm text-muted">{label}</p>
      <p className="mt-1 text-3xl font-bold text-ink">{value}</p>
      {detail ? <p className="mt-1 text-sm text-muted">{detail}</p> : null}
    </div>
  );
}
