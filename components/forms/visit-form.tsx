'use client';

import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { correctVisitAction, recordVisitAction } from '@/lib/actions/visits';
import { deleteRecord, deviceId as newId, getRecord, putRecord, type OutboxRecord } from '@/components/offline/store';
import { sendRecord } from '@/components/offline/sync';
import { Button } from '@/components/ui/button';
import { ChoiceSelect, Field, Input, fieldIds } from '@/components/ui/field';
import { cx } from '@/components/ui/cx';
import { fiveMonthDate } from '@/lib/domain/age';
import { isIsoDate } from '@/lib/domain/dates';
import { BREAK_REASONS, isExclusiveRecall, RECALL_ITEMS } from '@/lib/domain/recall';
import { windowForVisit, type VisitWindow } from '@/lib/domain/windows';
import {
  ATTACHMENT_PARTS,
  COUNSELLING_TOPICS,
  DANGER_SIGNS,
  emptyVisit,
  NOTES_MAX,
  PROBLEMS,
  REASON_MAX,
  visitEditSchema,
  visitSchema,
  type VisitEditValues,
  type VisitFormValues,
} from '@/lib/validation/visit';

/** Flat, already translated texts ("visit.save", "recallItem.formula", "validation.required"…). */
export type VisitTexts = Record<string, string>;

export type VisitFormProps = {
  babyId: string;
  birthDate: string;
  today: string;
  visitDates: string[];
  windows: readonly VisitWindow[];
  /** The day the baby was registered: windows closed before it are not owed (decision 060). */
  registeredOn?: string | null;
  texts: VisitTexts;
  /** Edit mode: the stored visit as the form holds it; a reason is then required. */
  edit?: { values: VisitFormValues };
  /**
   * A new visit on a kader's phone: when the network is down or the request fails, the visit
   * goes to the outbox (docs/decisions/036); `label` names it there.
   */
  offline?: { label: string };
  /** The lessons she may tick (issue #28): the bahan konseling of this visit, then each topic's lessons. */
  lessons?: VisitFormLessons;
};

/** Lessons for the counselling section, made by the page (titles and "why" already translated). */
export type VisitFormLessons = {
  list: { slug: string; title: string; href: string }[];
  materials: { slug: string; because: string }[];
  byTopic: Partial<Record<string, string[]>>;
};

type Errors = Partial<Record<string, string>>;

/** The server action did not answer in time (weak signal): the phone keeps the visit. */
const SEND_TIMEOUT_MS = 15_000;

function fmt(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The form's values as the schema takes them, read from the form itself. The form is a plain
 * uncontrolled form (no form library: decision 053, page weight): every field stays in the DOM —
 * in a closed section or hidden while it does not apply — so nothing typed is lost between
 * sections, and the schema's transform drops what does not apply.
 */
function readForm(form: HTMLFormElement, base: { id: string; babyId: string }): VisitEditValues {
  const fd = new FormData(form);
  const s = (k: string) => String(fd.get(k) ?? '');
  const all = (k: string) => fd.getAll(k).map(String);
  const on = (k: string) => fd.has(k);
  return {
    id: base.id,
    babyId: base.babyId,
    visitDate: s('visitDate'),
    breastfed: s('breastfed'),
    recallItems: all('recallItems'),
    recallOtherText: s('recallOtherText'),
    givenSinceLast: s('givenSinceLast'),
    givenSinceLastDate: s('givenSinceLastDate'),
    confirmedExclusive: s('confirmedExclusive'),
    breakReason: s('breakReason'),
    problems: all('problems'),
    attachmentChecked: on('attachmentChecked'),
    attachment: { areola: on('attachment.areola'), mouthWide: on('attachment.mouthWide'), lipOut: on('attachment.lipOut'), chin: on('attachment.chin') },
    dangerSigns: all('dangerSigns'),
    referral: on('referral'),
    referralReason: s('referralReason'),
    counselling: all('counselling'),
    lessons: all('lessons'),
    weightGrams: s('weightGrams'),
    notes: s('notes'),
    sameDayConfirmed: on('sameDayConfirmed'),
    reason: s('reason'),
  } as VisitEditValues;
}

type ChoiceProps = { id: string; label: string; name: string; type?: 'checkbox' | 'radio'; value?: string; checked: boolean };

function Choice({ id, label, name, type = 'checkbox', value, checked }: ChoiceProps) {
  return (
    <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 py-1 text-base text-ink hover:bg-canvas">
      <input id={id} name={name} type={type} value={value} defaultChecked={checked} className="h-5 w-5 shrink-0 accent-brand" />
      <span>{label}</span>
    </label>
  );
}

function Group({
  id,
  legend,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
  className?: string;
}) {
  const ids = fieldIds(id);
  const describedBy = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      id={id}
      data-err={error ? '' : undefined}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      className={cx('flex flex-col gap-1', className)}
    >
      <legend className="mb-1 text-sm font-semibold text-ink">{legend}</legend>
      {hint ? (
        <p id={ids.hint} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={ids.error} role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A yes/no question, unanswered until the kader picks (decision 053). */
function YesNo({
  id,
  name,
  legend,
  value,
  error,
  tx,
}: {
  id: string;
  name: string;
  legend: string;
  value: string | undefined;
  error?: string;
  tx: (k: string) => string;
}) {
  return (
    <Group id={name} legend={legend} error={error}>
      <div className="flex gap-4">
        <Choice id={`${id}-yes`} name={name} type="radio" value="yes" label={tx('visit.yes')} checked={value === 'yes'} />
        <Choice id={`${id}-no`} name={name} type="radio" value="no" label={tx('visit.no')} checked={value === 'no'} />
      </div>
    </Group>
  );
}

/** One section of the form: a heading that opens and closes it; its fields keep their values. */
function Section({ id, title, open, danger, children }: { id: string; title: string; open: boolean; danger?: boolean; children: React.ReactNode }) {
  return (
    <details id={id} open={open} className={cx('group rounded-xl border p-3', danger ? 'border-danger/40' : 'border-line')}>
      <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2 rounded-lg">
        <h2 className="text-base font-semibold text-ink">{title}</h2>
        <span aria-hidden="true" className="text-muted transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-3 flex flex-col gap-4">{children}</div>
    </details>
  );
}

/** A lesson to tick, with its "why" and a link to read it (opened beside the form, which keeps its answers). */
function LessonChoice({
  slug,
  title,
  href,
  hint,
  checked,
  hidden,
  openText,
}: {
  slug: string;
  title: string;
  href: string;
  hint?: string;
  checked: boolean;
  hidden?: boolean;
  openText: string;
}) {
  return (
    <div hidden={hidden} className="flex items-start justify-between gap-2">
      <label htmlFor={`lesson-${slug}`} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg px-1 py-2 text-base text-ink hover:bg-canvas">
        <input id={`lesson-${slug}`} name="lessons" type="checkbox" value={slug} defaultChecked={checked} className="mt-0.5 h-5 w-5 shrink-0 accent-brand" />
        <span>
          {title}
          {hint ? <span className="block text-sm text-muted">{hint}</span> : null}
        </span>
      </label>
      {href ? (
        <a href={href} target="_blank" rel="noopener" className="inline-flex min-h-11 shrink-0 items-center px-1 text-sm font-semibold text-brand underline">
          {openText}
        </a>
      ) : null}
    </div>
  );
}

export function VisitForm({ babyId, birthDate, today, visitDates, windows, registeredOn, texts, edit, offline, lessons }: VisitFormProps) {
  const tx = (key: string, vars: Record<string, string | number> = {}) => (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  // The same schema as the server's; editing adds the reason (visitEditSchema).
  const schema = useMemo(() => (edit ? visitEditSchema({ birthDate, today }) : visitSchema({ birthDate, today })), [birthDate, today, edit]);
  // `key` remounts the form with new defaults (a new visit after one kept on the phone, an outbox record opened again).
  const [init, setInit] = useState(() => ({
    key: 0,
    values: (edit ? { ...edit.values, reason: '' } : { ...emptyVisit(newId(), babyId, today), reason: '' }) as VisitEditValues,
  }));
  const [v, setV] = useState<VisitEditValues>(init.values);
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  // Offline: "saved on the phone"; a refused outbox record opened again: the server's message.
  const [savedOffline, setSavedOffline] = useState(false);
  const [fromOutbox, setFromOutbox] = useState<OutboxRecord | null>(null);

  const reset = (values: VisitEditValues, errs: Errors = {}) => {
    setInit((p) => ({ key: p.key + 1, values }));
    setV(values);
    setErrors(errs);
    setSubmitted(false);
  };

  // ?outbox=<id>: a visit the server refused, opened again to be corrected.
  useEffect(() => {
    if (!offline) return;
    const id = new URLSearchParams(window.location.search).get('outbox');
    if (!id) return;
    getRecord(id).then(
      (rec) => {
        if (!rec || rec.kind !== 'visit' || rec.payload.babyId !== babyId) return;
        setFromOutbox(rec);
        reset({ ...emptyVisit(rec.id, babyId, today), ...(rec.payload as VisitFormValues), id: rec.id, reason: '' }, { ...rec.fieldErrorKeys });
        setFocusTick((n) => n + 1);
      },
      () => undefined,
    );
  }, [offline, babyId, today]);

  // After a refused save: open every section with an error and put the focus on the first one.
  useEffect(() => {
    if (!focusTick || !formRef.current) return;
    const bad = formRef.current.querySelectorAll<HTMLElement>('[data-err]');
    bad.forEach((el) => el.closest('details')?.setAttribute('open', ''));
    const first = bad[0];
    const target = first?.matches('input, select, textarea') ? first : first?.querySelector<HTMLElement>('input, select, textarea');
    (target ?? document.getElementById('form-error'))?.focus();
  }, [focusTick]);

  const visitDate = v.visitDate ?? '';
  const validDate = isIsoDate(visitDate) && visitDate >= birthDate && visitDate <= today;
  const fill = validDate ? windowForVisit(birthDate, visitDates, visitDate, windows, registeredOn) : undefined;
  const exclusive = isExclusiveRecall({ breastfed: v.breastfed === 'yes', items: v.recallItems ?? [] });
  const breaks = (v.breastfed !== '' && !exclusive) || v.givenSinceLast === 'yes';
  const askConfirm = validDate && visitDate >= fiveMonthDate(birthDate);
  // A second visit on a date that has one: asked before saving (the server asks too).
  const sameDay = !edit && (visitDates.includes(visitDate) || Boolean(errors.sameDayConfirmed) || Boolean(v.sameDayConfirmed));
  const err = (f: string) => {
    const m = errors[f];
    return m ? tx(m.startsWith('validation.') ? m : 'validation.invalid') : undefined;
  };

  /** The schema's messages (first per field), and the same-date question of this form. */
  const check = (values: VisitEditValues): { errs: Errors; ok: boolean } => {
    const r = schema.safeParse(values);
    const errs: Errors = {};
    if (!r.success) for (const i of r.error.issues) errs[String(i.path[0] ?? '_form')] ??= i.message;
    if (!edit && visitDates.includes(values.visitDate) && !values.sameDayConfirmed) errs.sameDayConfirmed ??= 'validation.sameDayVisit';
    return { errs, ok: Object.keys(errs).length === 0 };
  };

  const onChange = (e: React.FormEvent<HTMLFormElement>) => {
    const form = e.currentTarget;
    const t = e.target as HTMLInputElement;
    // A danger sign means referral to the bidan today (DESIGN §6): ticked for her; she may untick it.
    if (t.name === 'dangerSigns' && t.checked) {
      // (By name: the fieldset of the referral question has the id "referral".)
      const ref = form.querySelector<HTMLInputElement>('input[name="referral"]');
      const why = form.querySelector<HTMLInputElement>('input[name="referralReason"]');
      if (ref && !ref.checked) {
        ref.checked = true;
        if (why && !why.value.trim()) {
          const signs = [...form.querySelectorAll<HTMLInputElement>('input[name="dangerSigns"]:checked')].map((x) => tx(`danger.${x.value}`));
          why.value = tx('visit.referralForSigns', { signs: signs.join(', ') });
        }
      }
    }
    const values = readForm(form, init.values);
    setV(values);
    // After a first save attempt the messages follow the answers (a server-only message stays until its field changes).
    if (submitted)
      setErrors((prev) => ({ ...(prev.sameDayConfirmed && !values.sameDayConfirmed ? { sameDayConfirmed: prev.sameDayConfirmed } : {}), ...check(values).errs }));
  };

  /** Into the outbox; the form starts again with a new id for the next visit. */
  const keepOnPhone = async (values: VisitFormValues, recordedAt: string) => {
    await putRecord({
      id: values.id,
      kind: 'visit',
      payload: values,
      recordedAt,
      status: 'waiting',
      label: `${offline!.label} · ${fmt(values.visitDate)}`,
      href: `/kader/bayi/${babyId}/kunjungan`,
    });
    setFromOutbox(null);
    setSavedOffline(true);
    reset({ ...emptyVisit(newId(), babyId, today), reason: '' });
    window.scrollTo(0, 0);
  };

  const refused = (res: { fieldErrors?: Errors; formError?: string } | undefined) => {
    if (res?.fieldErrors) setErrors(res.fieldErrors);
    if (res?.formError) setFormError(res.formError);
    setFocusTick((n) => n + 1);
  };

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const all = readForm(e.currentTarget, init.values);
    setV(all);
    setSubmitted(true);
    setSavedOffline(false);
    const { errs, ok } = check(all);
    setErrors(errs);
    if (!ok) {
      setFormError('visit.fixErrors');
      setFocusTick((n) => n + 1);
      return;
    }
    setFormError(null);
    // The server validates the same raw values with the same schema.
    const { reason, ...values } = all;
    startTransition(async () => {
      if (offline && !edit) {
        const recordedAt = fromOutbox?.recordedAt ?? new Date().toISOString();
        const { recordedAt: _ignored, ...form } = values;
        if (fromOutbox || !navigator.onLine) {
          // A corrected outbox record goes out through the outbox endpoint, under its own id.
          if (!navigator.onLine) return keepOnPhone(form, recordedAt);
          const rec: OutboxRecord = { ...fromOutbox!, payload: form, status: 'waiting', message: undefined, fieldErrors: undefined, fieldErrorKeys: undefined };
          await putRecord(rec);
          const r = await sendRecord(rec, { list: async () => [rec], put: putRecord, remove: deleteRecord, fetch: window.fetch.bind(window) });
          if (r === 'sent') {
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a document load on purpose: the service worker keeps only document loads as the kader's offline copies
            window.location.assign(`/kader/bayi/${babyId}?saved=1`);
            return;
          }
          if (r === 'rejected') {
            const again = await getRecord(rec.id);
            setFromOutbox(again ?? null);
            refused({ fieldErrors: { ...again?.fieldErrorKeys } });
            return;
          }
          return keepOnPhone(form, recordedAt);
        }
        try {
          const res = await Promise.race([recordVisitAction({ ...form, recordedAt }), new Promise<'timeout'>((r) => setTimeout(r, SEND_TIMEOUT_MS, 'timeout'))]);
          if (res === 'timeout') return keepOnPhone(form, recordedAt);
          refused(res);
        } catch (e) {
          if ((e as { digest?: string })?.digest?.startsWith('NEXT_REDIRECT')) throw e;
          // No network, or the server failed: the phone keeps it; the same id makes a resend safe.
          return keepOnPhone(form, recordedAt);
        }
        return;
      }
      try {
        refused(edit ? await correctVisitAction({ ...values, reason }) : await recordVisitAction({ ...values, recordedAt: new Date().toISOString() }));
      } catch (e) {
        // A redirect after saving is not an error; anything else: the same id can be sent again.
        if ((e as { digest?: string })?.digest?.startsWith('NEXT_REDIRECT')) throw e;
        setFormError('visit.error');
      }
    });
  };

  const d = init.values;
  const has = (list: readonly string[] | undefined, x: string) => Boolean(list?.includes(x));
  return (
    <form key={init.key} ref={formRef} method="post" onSubmit={onSubmit} onChange={onChange} className="flex flex-col gap-4" noValidate>
      {savedOffline ? (
        <p role="status" data-testid="saved-offline" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {tx('offline.savedOffline')}{' '}
          <a href="/kader" className="font-semibold underline">
            {tx('offline.backToToday')}
          </a>
        </p>
      ) : null}
      {fromOutbox?.message ? (
        <p role="alert" data-testid="outbox-message" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx('offline.fromOutbox')} {fromOutbox.message}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" id="form-error" tabIndex={-1} className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(formError)}
        </p>
      ) : null}

      <section className="flex flex-col gap-3 rounded-xl border border-line p-3" aria-labelledby="sec-visit-h">
        <h2 id="sec-visit-h" className="text-base font-semibold text-ink">
          {tx('visit.sectionVisit')}
        </h2>
        <Field id="visitDate" label={tx('visit.visitDate')} hint={tx('visit.visitDateHint')} error={err('visitDate')}>
          <Input
            id="visitDate"
            name="visitDate"
            type="date"
            min={birthDate}
            max={today}
            defaultValue={d.visitDate}
            invalid={Boolean(err('visitDate'))}
            data-err={err('visitDate') ? '' : undefined}
            hasHint
          />
        </Field>
        <p data-testid="visit-window" className="rounded-lg bg-canvas px-3 py-2 text-sm text-ink" aria-live="polite">
          {fill === undefined ? null : fill === null ? (
            tx('visit.extra')
          ) : (
            <>
              {tx('visit.fillsWindow', { n: fill.index + 1, from: fmt(fill.from), to: fmt(fill.to) })}{' '}
              <strong className={fill.late ? 'text-warn' : 'text-ok'}>{tx(fill.late ? 'visit.late' : 'visit.onTime')}</strong>
            </>
          )}
        </p>
        <div hidden={!sameDay} data-testid="same-day" className="rounded-lg border border-warn bg-warn-soft p-3">
          <Group
            id="sameDayConfirmed"
            legend={visitDate === today ? tx('visit.sameDayToday') : tx('visit.sameDayOn', { date: validDate ? fmt(visitDate) : visitDate })}
            hint={tx('visit.sameDayHint')}
            error={err('sameDayConfirmed')}
          >
            <Choice id="sameDay-check" name="sameDayConfirmed" label={tx('visit.sameDayYes')} checked={Boolean(d.sameDayConfirmed)} />
          </Group>
        </div>
      </section>

      <Section id="sec-recall" title={tx('visit.recallTitle')} open>
        <YesNo id="breastfed" name="breastfed" legend={tx('visit.breastfed')} value={d.breastfed} error={err('breastfed')} tx={tx} />
        <Group id="recallItems" legend={tx('visit.recallItems')} error={err('recallItems')}>
          {RECALL_ITEMS.map((item) => (
            <Choice key={item} id={`recall-${item}`} name="recallItems" value={item} label={tx(`recallItem.${item}`)} checked={has(d.recallItems, item)} />
          ))}
        </Group>
        <div hidden={!v.recallItems?.includes('other')} data-err={err('recallOtherText') ? '' : undefined}>
          <Field id="recallOtherText" label={tx('visit.recallOtherText')} error={err('recallOtherText')}>
            <Input id="recallOtherText" name="recallOtherText" maxLength={200} defaultValue={d.recallOtherText ?? ''} invalid={Boolean(err('recallOtherText'))} />
          </Field>
        </div>
        <YesNo id="since" name="givenSinceLast" legend={tx('visit.sinceLast')} value={d.givenSinceLast} error={err('givenSinceLast')} tx={tx} />
        <div hidden={v.givenSinceLast !== 'yes'} data-err={err('givenSinceLastDate') ? '' : undefined}>
          <Field id="givenSinceLastDate" label={tx('visit.sinceLastDate')} error={err('givenSinceLastDate')}>
            <Input
              id="givenSinceLastDate"
              name="givenSinceLastDate"
              type="date"
              min={birthDate}
              max={validDate ? visitDate : today}
              defaultValue={d.givenSinceLastDate ?? ''}
              invalid={Boolean(err('givenSinceLastDate'))}
            />
          </Field>
        </div>
        <div hidden={!askConfirm}>
          <YesNo id="confirm" name="confirmedExclusive" legend={tx('visit.confirm')} value={d.confirmedExclusive} error={err('confirmedExclusive')} tx={tx} />
        </div>
        <div hidden={!breaks} data-err={err('breakReason') ? '' : undefined}>
          <Field id="breakReason" label={tx('visit.breakReason')} error={err('breakReason')}>
            <ChoiceSelect
              id="breakReason"
              name="breakReason"
              choose={tx('visit.choose')}
              options={BREAK_REASONS.map((r) => ({ value: r, label: tx(`breakReason.${r}`) }))}
              invalid={Boolean(err('breakReason'))}
              defaultValue={d.breakReason ?? ''}
              required={false}
            />
          </Field>
        </div>
      </Section>

      <Section id="sec-danger" title={tx('visit.sectionDanger')} open danger>
        <Group id="dangerSigns" legend={tx('visit.dangerSigns')} hint={tx('visit.dangerHint')} error={err('dangerSigns')}>
          {DANGER_SIGNS.map((s) => (
            <Choice key={s} id={`danger-${s}`} name="dangerSigns" value={s} label={tx(`danger.${s}`)} checked={has(d.dangerSigns, s)} />
          ))}
        </Group>
        <Group id="referral" legend={tx('visit.referral')} error={err('referral')}>
          <Choice id="referral-check" name="referral" label={tx('visit.referral')} checked={Boolean(d.referral)} />
        </Group>
        <div hidden={!v.referral} data-err={err('referralReason') ? '' : undefined}>
          <Field id="referralReason" label={tx('visit.referralReason')} error={err('referralReason')}>
            <Input id="referralReason" name="referralReason" maxLength={500} defaultValue={d.referralReason ?? ''} invalid={Boolean(err('referralReason'))} />
          </Field>
        </div>
      </Section>

      <Section id="sec-feeding" title={tx('visit.sectionFeeding')} open={Boolean(edit)}>
        <Group id="problems" legend={tx('visit.problems')} error={err('problems')}>
          {PROBLEMS.map((p) => (
            <Choice key={p} id={`problem-${p}`} name="problems" value={p} label={tx(`problem.${p}`)} checked={has(d.problems, p)} />
          ))}
        </Group>
        <Group id="attachment" legend={tx('visit.attachmentTitle')} error={err('attachment')}>
          <Choice id="attachmentChecked" name="attachmentChecked" label={tx('visit.attachmentCheck')} checked={Boolean(d.attachmentChecked)} />
          <div hidden={!v.attachmentChecked} className="ml-6 flex flex-col">
            {ATTACHMENT_PARTS.map((part) => (
              <Choice key={part} id={`attachment-${part}`} name={`attachment.${part}`} label={tx(`attachment.${part}`)} checked={Boolean(d.attachment?.[part])} />
            ))}
          </div>
        </Group>
      </Section>

      <Section id="sec-more" title={tx('visit.sectionMore')} open={Boolean(edit)}>
        <Group id="counselling" legend={tx('visit.counselling')} error={err('counselling')}>
          {COUNSELLING_TOPICS.map((c) => (
            <Choice key={c} id={`counsel-${c}`} name="counselling" value={c} label={tx(`counsel.${c}`)} checked={has(d.counselling, c)} />
          ))}
        </Group>
        {lessons ? <LessonGroups lessons={lessons} initial={d.lessons ?? []} ticked={v.lessons ?? []} topics={v.counselling ?? []} err={err('lessons')} tx={tx} /> : null}
        <Field id="weightGrams" label={tx('visit.weight')} hint={tx('visit.weightHint')} error={err('weightGrams')}>
          <Input
            id="weightGrams"
            name="weightGrams"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            defaultValue={d.weightGrams ?? ''}
            invalid={Boolean(err('weightGrams'))}
            data-err={err('weightGrams') ? '' : undefined}
            hasHint
          />
        </Field>
        <Field id="notes" label={tx('visit.notes')} error={err('notes')}>
          <textarea
            id="notes"
            name="notes"
            rows={3}
            maxLength={NOTES_MAX}
            defaultValue={d.notes ?? ''}
            data-err={err('notes') ? '' : undefined}
            aria-invalid={err('notes') ? true : undefined}
            aria-describedby={err('notes') ? fieldIds('notes').error : undefined}
            className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
          />
        </Field>
      </Section>

      {edit ? (
        <Field id="reason" label={tx('visitEdit.reason')} hint={tx('visitEdit.reasonHint')} error={err('reason')}>
          <textarea
            id="reason"
            name="reason"
            rows={2}
            maxLength={REASON_MAX}
            data-err={err('reason') ? '' : undefined}
            aria-invalid={err('reason') ? true : undefined}
            aria-describedby={[fieldIds('reason').hint, err('reason') ? fieldIds('reason').error : null].filter(Boolean).join(' ')}
            className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
          />
        </Field>
      ) : null}

      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {edit ? (pending ? tx('visitEdit.saving') : tx('visitEdit.save')) : pending ? tx('visit.saving') : tx('visit.save')}
      </Button>
    </form>
  );
}

/**
 * The lessons of the counselling section: the bahan konseling of this visit, then the lessons of
 * each counselling topic she ticked. Every lesson is one check box in the DOM (hidden while its
 * topic is not ticked, unless it is ticked itself), so an answer is never lost or sent twice.
 */
function LessonGroups({
  lessons,
  initial,
  ticked,
  topics,
  err,
  tx,
}: {
  lessons: VisitFormLessons;
  initial: readonly string[];
  ticked: readonly string[];
  topics: readonly string[];
  err?: string;
  tx: (k: string) => string;
}) {
  const material = new Set(lessons.materials.map((m) => m.slug));
  const ofTopics = new Set(topics.flatMap((t) => lessons.byTopic[t] ?? []));
  const others = lessons.list.filter((l) => !material.has(l.slug));
  const shown = (slug: string) => ofTopics.has(slug) || ticked.includes(slug) || initial.includes(slug);
  const byslug = new Map(lessons.list.map((l) => [l.slug, l]));
  return (
    <>
      <Group id="lessons" legend={tx('lessonCards.materialsTitle')} hint={tx('lessonCards.materialsIntro')} error={err}>
        {lessons.materials.length === 0 ? <p className="text-sm text-muted">{tx('lessonCards.none')}</p> : null}
        {lessons.materials.map((m) => {
          const l = byslug.get(m.slug);
          return l ? <LessonChoice key={m.slug} {...l} hint={m.because} checked={initial.includes(m.slug)} openText={tx('lessonCards.open')} /> : null;
        })}
      </Group>
      <Group id="topic-lessons" legend={tx('lessonCards.topicLessons')} hint={others.some((l) => shown(l.slug)) ? undefined : tx('lessonCards.topicLessonsHint')}>
        {others.map((l) => (
          <LessonChoice key={l.slug} {...l} checked={initial.includes(l.slug)} hidden={!shown(l.slug)} openText={tx('lessonCards.open')} />
        ))}
      </Group>
    </>
  );
}
