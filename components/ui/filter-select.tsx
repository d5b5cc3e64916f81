import { cx } from './cx';

export const filterControl = 'min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink';

/** A labelled select of a filter form, with an "all" choice first (plain form, no script). */
export function FilterSelect({
  id,
  label,
  value,
  all,
  options,
  className,
}: {
  id: string;
  label: string;
  value?: string;
  all: string;
  options: readonly { value: string; label: string }[];
  className?: string;
}) {
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-semibold text-ink">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ''} className={filterControl}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
