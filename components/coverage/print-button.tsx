'use client';

/** Opens the browser's print dialog (the report has an A4 print stylesheet). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="min-h-11 rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft">
      {label}
    </button>
  );
}
