'use client';

import { useState } from 'react';

/**
 * Search by name on /kader/ibu (issue #23), filtering the list already on the page: the name
 * typed never leaves the phone — not in a URL, a server log or a request (decision 053). With
 * more than one page it searches the page shown, and says so.
 */
export function MotherFilter({ label, hint, countText }: { label: string; hint?: string; countText: string }) {
  const [shown, setShown] = useState<number | null>(null);
  const filter = (q: string) => {
    const needle = q.trim().toLocaleLowerCase('id');
    const items = document.querySelectorAll<HTMLElement>('[data-testid="kader-mothers"] > li');
    let n = 0;
    items.forEach((li) => {
      const hit = !needle || (li.textContent ?? '').toLocaleLowerCase('id').includes(needle);
      li.hidden = !hit;
      if (hit) n++;
    });
    setShown(needle ? n : null);
  };
  return (
    <form role="search" className="mt-3 flex flex-col gap-1" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="mother-filter" className="text-sm font-semibold text-ink">
        {label}
      </label>
      <input
        id="mother-filter"
        type="search"
        autoComplete="off"
        aria-describedby={hint ? 'mother-filter-hint' : undefined}
        onChange={(e) => filter(e.target.value)}
        className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
      />
      {hint ? (
        <p id="mother-filter-hint" className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-muted" data-testid="mother-filter-count">
        {shown === null ? '' : countText.replace('#', String(shown))}
      </p>
    </form>
  );
}
