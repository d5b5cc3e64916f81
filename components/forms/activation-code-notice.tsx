import type { ReactNode } from 'react';

/**
 * A one-time activation code, shown once right after it was made (a registered mother, a new
 * or locked-out account), with the WhatsApp link that sends it on. Links are plain <a>: client
 * forms render this and should not bundle next/link (docs/performance-pages.md).
 */
export function ActivationCodeNotice({
  title,
  codeLabel,
  code,
  note,
  waHref,
  waLabel,
  testId,
  children,
}: {
  title: ReactNode;
  codeLabel: ReactNode;
  code: string;
  /** "Shown once, valid for n days" and how to use it. */
  note: ReactNode;
  waHref: string;
  waLabel: ReactNode;
  testId?: string;
  /** Further links under the WhatsApp button. */
  children?: ReactNode;
}) {
  return (
    <div role="status" className="flex flex-col gap-3 rounded-xl border border-ok bg-ok-soft p-4" data-testid={testId}>
      <p className="font-semibold text-ok">{title}</p>
      <p className="text-ink">{codeLabel}</p>
      <p className="break-all text-center font-mono text-3xl font-bold tracking-widest text-ink" data-testid="activation-code">
        {code}
      </p>
      <div className="text-sm text-muted">{note}</div>
      <a
        href={waHref}
        target="_blank"
        rel="noopener noreferrer"
        className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-4 py-2 font-semibold text-white"
      >
        {waLabel}
      </a>
      {children}
    </div>
  );
}
