import Link from 'next/link';
import type { FirstSteps } from '@/lib/data/first-steps';

type Texts = { title: string; intro: string; progress: string; done: string; todo: string; steps: Record<string, { title: string; hint: string; action: string }> };

/**
 * The first steps of a new puskesmas on an empty dashboard (issue #29): an ordered list, each
 * step with its state in words (not colour alone) and a link to where it is done.
 */
export function FirstStepsCard({ steps, texts }: { steps: FirstSteps; texts: Texts }) {
  return (
    <section aria-labelledby="first-steps-title" className="mt-4 rounded-xl border border-line bg-surface p-4 shadow-sm md:p-6" data-testid="first-steps">
      <h2 id="first-steps-title" className="text-lg font-semibold text-ink">
        {texts.title}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-muted">{texts.intro}</p>
      <p className="mt-2 text-sm font-semibold text-ink">{texts.progress}</p>
      <ol className="mt-3 flex flex-col gap-3">
        {steps.steps.map((s, i) => {
          const t = texts.steps[s.key]!;
          return (
            <li key={s.key} data-step={s.key} data-done={s.done ? 'true' : 'false'} className="flex flex-wrap items-start gap-3 rounded-lg border border-line p-3">
              <span
                aria-hidden="true"
                className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-bold ${s.done ? 'bg-ok text-white' : 'bg-canvas text-ink'}`}
              >
                {s.done ? '✓' : i + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-semibold text-ink">
                  {t.title} <span className={s.done ? 'text-ok' : 'text-muted'}>— {s.done ? texts.done : texts.todo}</span>
                </p>
                <p className="text-sm text-muted">{t.hint}</p>
              </div>
              {s.done ? null : (
                <Link href={s.href} className="inline-flex min-h-11 items-center rounded-lg px-2 font-semibold text-brand underline underline-offset-4">
                  {t.action}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
