'use client';
/**
 * The staff's lesson form (/staff/materi/baru, /staff/materi/<slug>/ubah): "Pratinjau" posts it
 * to the server, which validates it with the same schema as the save and answers the lesson
 * rendered there (no Markdown library in the browser); "Simpan draf" saves it. The newest answer
 * of the two is shown; after a refusal the form keeps what was typed and focuses the first error.
 */
import { useActionState, useEffect, useRef } from 'react';
import { createLessonAction, previewLessonAction, updateLessonAction, type LessonFormState, type LessonFormValues } from '@/lib/actions/lessons';
import { Button } from '@/components/ui/button';
import { Field, fieldIds } from '@/components/ui/field';

type Texts = Record<string, string>;
export type CodeOption = { value: string; label: string };
export interface LessonFormOptions {
  audiences: CodeOption[];
  counselling: CodeOption[];
  breakReasons: CodeOption[];
  findings: CodeOption[];
}
export interface LessonFormLimits {
  slugMax: number;
  titleMax: number;
  summaryMax: number;
  bodyMax: number;
  keyPointMax: number;
  sourcesMax: number;
}

const control = 'min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink';

function newest(a: LessonFormState, b: LessonFormState): LessonFormState {
  return (a.at ?? 0) >= (b.at ?? 0) ? a : b;
}

export function LessonForm({
  original,
  initial,
  texts,
  options,
  limits,
}: {
  /** The slug of the lesson being edited; absent: a new lesson. */
  original?: string;
  initial: LessonFormValues;
  texts: Texts;
  options: LessonFormOptions;
  limits: LessonFormLimits;
}) {
  const [previewState, preview, previewing] = useActionState<LessonFormState, FormData>(previewLessonAction, {});
  const [saveState, save, saving] = useActionState<LessonFormState, FormData>(original ? updateLessonAction : createLessonAction, {});
  const state = newest(previewState, saveState);
  const values: LessonFormValues = state.values ?? initial;
  const tx = (k?: string, v?: Record<string, string>) => {
    if (!k) return undefined;
    let s = texts[k] ?? texts['lessons.errors.fix'] ?? k;
    for (const [name, value] of Object.entries(v ?? {})) s = s.replace(`{${name}}`, value);
    return s;
  };
  const e = state.fieldErrors ?? {};
  const form = useRef<HTMLFormElement>(null);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.fieldErrors && Object.keys(state.fieldErrors).length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    else if (state.preview || state.formError) result.current?.focus();
  }, [state]);

  const str = (k: keyof LessonFormValues) => {
    const v = values[k];
    return Array.isArray(v) ? '' : (v ?? '');
  };
  const list = (k: keyof LessonFormValues) => {
    const v = values[k];
    return Array.isArray(v) ? v : [];
  };
  const describedBy = (id: string, hint = false) =>
    [hint ? fieldIds(id).hint : '', e[id as keyof typeof e] ? fieldIds(id).error : ''].filter(Boolean).join(' ') || undefined;
  const inputProps = (id: keyof LessonFormValues & string, hint = false) => ({
    id,
    name: id,
    'aria-invalid': e[id] ? true : undefined,
    'aria-describedby': describedBy(id, hint),
    className: `${control} ${e[id] ? 'border-danger' : 'border-line'}`,
  });
  const busy = previewing || saving;
  const terms = state.blockedTerms?.join(', ') ?? '';

  return (
    <div className="flex flex-col gap-6">
      <form ref={form} key={state.at ?? 0} noValidate className="flex flex-col gap-4" aria-describedby="lesson-form-outcome">
        {original ? <input type="hidden" name="original" value={original} /> : null}
        <Field id="slug" label={tx('lessons.staff.slug')} hint={tx('lessons.staff.slugHint')} error={tx(e.slug)}>
          <input
            {...inputProps('slug', true)}
            defaultValue={original ?? str('slug')}
            readOnly={!!original}
            maxLength={limits.slugMax}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field id="title" label={tx('lessons.staff.titleField')} error={tx(e.title)}>
          <input {...inputProps('title')} defaultValue={str('title')} maxLength={limits.titleMax} />
        </Field>
        <Field id="summary" label={tx('lessons.staff.summary')} error={tx(e.summary)}>
          <textarea {...inputProps('summary')} defaultValue={str('summary')} maxLength={limits.summaryMax} rows={2} />
        </Field>
        <Field id="body" label={tx('lessons.staff.body')} hint={tx('lessons.staff.bodyHint')} error={tx(e.body)}>
          <textarea {...inputProps('body', true)} defaultValue={str('body')} maxLength={limits.bodyMax} rows={14} />
        </Field>
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-base font-bold text-ink">{tx('lessons.keyPoints')}</legend>
          {(['keyPoint1', 'keyPoint2', 'keyPoint3'] as const).map((k, i) => (
            <Field key={k} id={k} label={tx('lessons.staff.keyPoint', { n: String(i + 1) })} error={tx(e[k])}>
              <input {...inputProps(k)} defaultValue={str(k)} maxLength={limits.keyPointMax} />
            </Field>
          ))}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="audience" label={tx('lessons.staff.audienceField')} error={tx(e.audience)}>
            <select {...inputProps('audience')} defaultValue={str('audience') || 'mother'}>
              {options.audiences.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="stage" label={tx('lessons.staff.stageField')} error={tx(e.stage)}>
            <select {...inputProps('stage')} defaultValue={str('stage') || 'age'}>
              <option value="age">{tx('lessons.staff.stageAge')}</option>
              <option value="pregnancy">{tx('lessons.staff.stagePregnancy')}</option>
            </select>
          </Field>
          <Field id="ageFromDay" label={tx('lessons.staff.fromDay')} error={tx(e.ageFromDay)}>
            <input {...inputProps('ageFromDay')} defaultValue={str('ageFromDay')} inputMode="numeric" maxLength={4} />
          </Field>
          <Field id="ageToDay" label={tx('lessons.staff.toDay')} error={tx(e.ageToDay)}>
            <input {...inputProps('ageToDay')} defaultValue={str('ageToDay')} inputMode="numeric" maxLength={4} />
          </Field>
        </div>
        {(['counselling', 'breakReasons', 'findings'] as const).map((group) => (
          <fieldset key={group} className="flex flex-col gap-1" aria-describedby={e[group] ? fieldIds(group).error : undefined}>
            <legend className="mb-1 text-sm font-semibold text-ink">{tx(`lessons.staff.${group}`)}</legend>
            <div className="grid gap-x-4 sm:grid-cols-2">
              {options[group].map((o) => (
                <label key={o.value} className="flex min-h-11 items-center gap-2 text-ink">
                  <input type="checkbox" name={group} value={o.value} defaultChecked={list(group).includes(o.value)} className="size-5" />
                  {o.label}
                </label>
              ))}
            </div>
            {e[group] ? (
              <p id={fieldIds(group).error} role="alert" className="text-sm font-medium text-danger">
                {tx(e[group])}
              </p>
            ) : null}
          </fieldset>
        ))}
        <Field id="sources" label={tx('lessons.staff.sourcesField')} hint={tx('lessons.staff.sourcesHint')} error={tx(e.sources)}>
          <textarea {...inputProps('sources', true)} defaultValue={str('sources')} maxLength={limits.sourcesMax} rows={3} />
        </Field>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="secondary" formAction={preview} disabled={busy} data-testid="lesson-preview">
            {previewing ? tx('lessons.staff.previewing') : tx('lessons.staff.preview')}
          </Button>
          <Button type="submit" formAction={save} disabled={busy} data-testid="lesson-save">
            {saving ? tx('lessons.staff.saving') : original ? tx('lessons.staff.saveEdit') : tx('lessons.staff.save')}
          </Button>
        </div>
      </form>
      <div ref={result} tabIndex={-1} id="lesson-form-outcome" className="flex flex-col gap-3 outline-none">
        {state.formError ? (
          <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
            {tx(state.formError, { terms })}
          </p>
        ) : null}
        {state.preview ? (
          <section className="rounded-xl border-2 border-info bg-surface p-4" aria-labelledby="preview-title" data-testid="lesson-preview-result">
            <h2 id="preview-title" className="text-sm font-bold uppercase tracking-wide text-info">
              {tx('lessons.staff.previewTitle')} · {tx('lessons.staff.words', { n: String(state.preview.words) })}
            </h2>
            <p className="text-sm text-muted">{tx('lessons.staff.previewNote')}</p>
            {state.blockedTerms && state.blockedTerms.length > 0 ? (
              <p role="alert" className="mt-2 rounded-lg bg-warn-soft px-3 py-2 text-sm font-medium text-warn" data-testid="lesson-blocked-warning">
                {tx('lessons.staff.blockedWarn', { terms })}
              </p>
            ) : null}
            <h3 className="mt-3 text-2xl font-bold text-ink">{state.preview.title}</h3>
            <p className="mt-1 text-ink">{state.preview.summary}</p>
            {/* Rendered and sanitised on the server (lib/lessons/render.ts). */}
            <div className="lesson-body mt-3 flex flex-col gap-3 text-ink" dangerouslySetInnerHTML={{ __html: state.preview.html }} />
            <div className="mt-3 rounded-xl border-2 border-brand bg-brand-soft p-3">
              <p className="font-bold text-brand">{tx('lessons.keyPoints')}</p>
              <ol className="mt-1 list-decimal pl-6 text-ink">
                {state.preview.keyPoints.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ol>
            </div>
            <p className="mt-2 text-sm text-muted">
              {tx('lessons.sources')} {state.preview.sources.join('; ')}
            </p>
          </section>
        ) : null}
      </div>
    </div>
  );
}
