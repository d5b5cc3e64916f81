import type { ReactNode } from 'react';
import { HL_START, HL_STOP } from '@/lib/data/forum';

/**
 * ts_headline output with private-use markers around matches, as text with <mark>s. It knows the
 * data layer's markers (lib/data/forum search puts them around each hit), so it lives beside the
 * search page rather than in components/ (decision 056).
 */
export function Highlight({ text }: { text: string }) {
  const out: ReactNode[] = [];
  const parts = text.split(HL_START);
  parts.forEach((part, i) => {
    if (i === 0) {
      out.push(part.replaceAll(HL_STOP, ''));
      return;
    }
    const [hit, rest = ''] = part.split(HL_STOP);
    out.push(
      <mark key={i} className="rounded bg-warn-soft px-0.5 text-ink">
        {hit}
      </mark>,
      rest.replaceAll(HL_STOP, ''),
    );
  });
  return <>{out}</>;
}
