'use client';

import { useEffect, useMemo, useState, useTransition } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { schemaResolver } from '@/lib/validation/resolver';
import { correctVisitAction, recordVisitAction } from '@/lib/actions/visits';
import { deleteRecord, deviceId as newId, getRecord, putRecord, type OutboxRecord } from '@/components/offline/store';
import { sendRecord } from '@/components/offline/sync';
import { Button } from '@/components/ui/button';
import { Field, Input, fieldIds } from '@/components/ui/field';
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
  type VisitEditField,
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
  texts: VisitTexts;
  /** Edit mode: the stored visit as the form holds it; a reason is then required. */
  edit?: { values: VisitFormValues };
  /**
   * A new visit on a kader's phone: when the network is down or the request fails, the visit
   * goes to the outbox (docs/decisions/036); `label` names it there.
   */
  offline?: { label: string };
};

/** The server action did not answer in time (weak signal): the phone keeps the visit. */
const SEND_TIMEOUT_MS = 15_000;

function fmt(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function Choice({ id, label, reg, type = 'checkbox', value }: { id: string; label: string; reg: UseFormRegisterReturn; type?: 'checkbox' | 'radio'; value?: string }) {
  return (
    <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 py-1 text-base text-ink hover:bg-canvas">
      <input id={id} type={type} value={value} className="h-5 w-5 shrink-0 accent-brand" {...reg} />
      <span>{label}</span>
    </label>
  );
}

function Group({ id, legend, hint, error, children, className }: { id: string; legend: string; hint?: string; error?: string; children: React.ReactNode; className?: string }) {
  const ids = fieldIds(id);
  const describedBy = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} className={cx('flex flex-col gap-1', className)}>
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

export function VisitForm({ babyId, birthDate, today, visitDates, windows, texts, edit, offline }: VisitFormProps) {
  const tx = (key: string, vars: Record<string, string | number> = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  // The same schema as the server's; editing adds the reason (visitEditSchema).
  const schema = useMemo(() => (edit ? visitEditSchema({ birthDate, today }) : visitSchema({ birthDate, today })), [birthDate, today, edit]);
  const [defaults] = useState<VisitEditValues>(() => (edit ? { ...edit.values, reason: '' } : { ...emptyVisit(newId(), babyId, today), reason: '' }));
  const {
    register,
    handleSubmit,
    control,
    getValues,
    setError,
    reset,
    formState: { errors },
  } = useForm<VisitEditValues>({
    resolver: schemaResolver<VisitEditValues>(schema as never),
    defaultValues: defaults,
    mode: 'onSubmit',
  });
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  // Offline: "saved on the phone"; a refused outbox record opened again: the server's message.
  const [savedOffline, setSavedOffline] = useState(false);
  const [fromOutbox, setFromOutbox] = useState<OutboxRecord | null>(null);

  // ?outbox=<id>: a visit the server refused, opened again to be corrected.
  useEffect(() => {
    if (!offline) return;
    const id = new URLSearchParams(window.location.search).get('outbox');
    if (!id) return;
    getRecord(id).then((rec) => {
      if (!rec || rec.kind !== 'visit' || rec.payload.babyId !== babyId) return;
      setFromOutbox(rec);
      reset({ ...emptyVisit(rec.id, babyId, today), ...(rec.payload as VisitFormValues), id: rec.id, reason: '' });
      for (const [k, m] of Object.entries(rec.fieldErrorKeys ?? {})) setError(k as VisitEditField, { message: m });
    }, () => undefined);
  }, [offline, babyId, today, reset, setError]);

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

  const v = useWatch({ control }) as VisitEditValues;
  const visitDate = v.visitDate ?? '';
  const validDate = isIsoDate(visitDate) && visitDate >= birthDate && visitDate <= today;
  const fill = validDate ? windowForVisit(birthDate, visitDates, visitDate, windows) : undefined;
  const exclusive = isExclusiveRecall({ breastfed: v.breastfed === 'yes', items: v.recallItems ?? [] });
  const breaks = !exclusive || v.givenSinceLast === 'yes';
  const askConfirm = validDate && visitDate >= fiveMonthDate(birthDate);
  const err = (f: VisitEditField) => {
    const m = (errors as Record<string, { message?: string } | undefined>)[f]?.message;
    return m ? tx(m.startsWith('validation.') ? m : 'validation.invalid') : undefined;
  };

  const onValid = () => {
    setFormError(null);
    setSavedOffline(false);
    // The server validates the same raw values with the same schema.
    const { reason, ...values } = getValues();
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
            window.location.assign(`/kader/bayi/${babyId}?saved=1`);
            return;
          }
          if (r === 'rejected') {
            const again = await getRecord(rec.id);
            setFromOutbox(again ?? null);
            for (const [k, m] of Object.entries(again?.fieldErrorKeys ?? {})) setError(k as VisitEditField, { message: m });
            return;
          }
          return keepOnPhone(form, recordedAt);
        }
        try {
          const res = await Promise.race([
            recordVisitAction({ ...form, recordedAt }),
            new Promise<'timeout'>((r) => setTimeout(r, SEND_TIMEOUT_MS, 'timeout')),
          ]);
          if (res === 'timeout') return keepOnPhone(form, recordedAt);
          if (res?.fieldErrors) for (const [k, m] of Object.entries(res.fieldErrors)) setError(k as VisitEditField, { message: m });
          if (res?.formError) setFormError(res.formError);
        } catch (e) {
          if ((e as { digest?: string })?.digest?.startsWith('NEXT_REDIRECT')) throw e;
          // No network, or the server failed: the phone keeps it; the same id makes a resend safe.
          return keepOnPhone(form, recordedAt);
        }
        return;
      }
      try {
        const res = edit ? await correctVisitAction({ ...values, reason }) : await recordVisitAction({ ...values, recordedAt: new Date().toISOString() });
        if (res?.fieldErrors) for (const [k, m] of Object.entries(res.fieldErrors)) setError(k as VisitEditField, { message: m });
        if (res?.formError) setFormError(res.formError);
      } catch (e) {
        // A redirect after saving is not an error; anything else: the same id can be sent again.
        if ((e as { digest?: string })?.digest?.startsWith('NEXT_REDIRECT')) throw e;
        setFormError('visit.error');
      }
    });
  };

  return (
    <form method="post" onSubmit={handleSubmit(onValid, () => setFormError('visit.fixErrors'))} className="flex flex-col gap-5" noValidate>
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
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(formError)}
        </p>
      ) : null}

      <Field id="visitDate" label={tx('visit.visitDate')} hint={tx('visit.visitDateHint')} error={err('visitDate')}>
        <Input id="visitDate" type="date" min={birthDate} max={today} invalid={Boolean(err('visitDate'))} hasHint {...register('visitDate')} />
      </Field>
      <p data-testid="visit-window" className="-mt-3 rounded-lg bg-canvas px-3 py-2 text-sm text-ink" aria-live="polite">
        {fill === undefined ? null : fill === null ? (
          tx('visit.extra')
        ) : (
          <>
            {tx('visit.fillsWindow', { n: fill.index + 1, from: fmt(fill.from), to: fmt(fill.to) })}{' '}
            <strong className={fill.late ? 'text-warn' : 'text-ok'}>{tx(fill.late ? 'visit.late' : 'visit.onTime')}</strong>
          </>
        )}
      </p>

      <section className="flex flex-col gap-4 rounded-xl border border-line p-3">
        <h2 className="text-base font-semibold text-ink">{tx('visit.recallTitle')}</h2>
        <Group id="breastfed" legend={tx('visit.breastfed')} error={err('breastfed')}>
          <div className="flex gap-4">
            <Choice id="breastfed-yes" type="radio" value="yes" label={tx('visit.yes')} reg={register('breastfed')} />
            <Choice id="breastfed-no" type="radio" value="no" label={tx('visit.no')} reg={register('breastfed')} />
          </div>
        </Group>
        <Group id="recallItems" legend={tx('visit.recallItems')} error={err('recallItems')}>
          {RECALL_ITEMS.map((item) => (
            <Choice key={item} id={`recall-${item}`} value={item} label={tx(`recallItem.${item}`)} reg={register('recallItems')} />
          ))}
        </Group>
        {v.recallItems?.includes('other') ? (
          <Field id="recallOtherText" label={tx('visit.recallOtherText')} error={err('recallOtherText')}>
            <Input id="recallOtherText" maxLength={200} invalid={Boolean(err('recallOtherText'))} {...register('recallOtherText')} />
          </Field>
        ) : null}
        <Group id="givenSinceLast" legend={tx('visit.sinceLast')} error={err('givenSinceLast')}>
          <div className="flex gap-4">
            <Choice id="since-yes" type="radio" value="yes" label={tx('visit.yes')} reg={register('givenSinceLast')} />
            <Choice id="since-no" type="radio" value="no" label={tx('visit.no')} reg={register('givenSinceLast')} />
          </div>
        </Group>
        {v.givenSinceLast === 'yes' ? (
          <Field id="givenSinceLastDate" label={tx('visit.sinceLastDate')} error={err('givenSinceLastDate')}>
            <Input id="givenSinceLastDate" type="date" min={birthDate} max={validDate ? visitDate : today} invalid={Boolean(err('givenSinceLastDate'))} {...register('givenSinceLastDate')} />
          </Field>
        ) : null}
        {askConfirm ? (
          <Group id="confirmedExclusive" legend={tx('visit.confirm')} error={err('confirmedExclusive')}>
            <div className="flex gap-4">
              <Choice id="confirm-yes" type="radio" value="yes" label={tx('visit.yes')} reg={register('confirmedExclusive')} />
              <Choice id="confirm-no" type="radio" value="no" label={tx('visit.no')} reg={register('confirmedExclusive')} />
            </div>
          </Group>
        ) : null}
        {breaks ? (
          <Field id="breakReason" label={tx('visit.breakReason')} error={err('breakReason')}>
            <select
              id="breakReason"
              aria-invalid={err('breakReason') ? true : undefined}
              aria-describedby={err('breakReason') ? fieldIds('breakReason').error : undefined}
              className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
              {...register('breakReason')}
            >
              <option value="">{tx('visit.choose')}</option>
              {BREAK_REASONS.map((r) => (
                <option key={r} value={r}>
                  {tx(`breakReason.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </section>

      <Group id="problems" legend={tx('visit.problems')} error={err('problems')}>
        {PROBLEMS.map((p) => (
          <Choice key={p} id={`problem-${p}`} value={p} label={tx(`problem.${p}`)} reg={register('problems')} />
        ))}
      </Group>

      <Group id="attachment" legend={tx('visit.attachmentTitle')} error={err('attachment')}>
        <Choice id="attachmentChecked" label={tx('visit.attachmentCheck')} reg={register('attachmentChecked')} />
        {v.attachmentChecked ? (
          <div className="ml-6 flex flex-col">
            {ATTACHMENT_PARTS.map((part) => (
              <Choice key={part} id={`attachment-${part}`} label={tx(`attachment.${part}`)} reg={register(`attachment.${part}`)} />
            ))}
          </div>
        ) : null}
      </Group>

      <section className="flex flex-col gap-3 rounded-xl border border-danger/40 p-3">
        <Group id="dangerSigns" legend={tx('visit.dangerSigns')} hint={tx('visit.dangerHint')} error={err('dangerSigns')}>
          {DANGER_SIGNS.map((d) => (
            <Choice key={d} id={`danger-${d}`} value={d} label={tx(`danger.${d}`)} reg={register('dangerSigns')} />
          ))}
        </Group>
        <Group id="referral" legend={tx('visit.referral')} error={err('referral')}>
          <Choice id="referral-check" label={tx('visit.referral')} reg={register('referral')} />
        </Group>
        {v.referral ? (
          <Field id="referralReason" label={tx('visit.referralReason')} error={err('referralReason')}>
            <Input id="referralReason" maxLength={500} invalid={Boolean(err('referralReason'))} {...register('referralReason')} />
          </Field>
        ) : null}
      </section>

      <Group id="counselling" legend={tx('visit.counselling')} error={err('counselling')}>
        {COUNSELLING_TOPICS.map((c) => (
          <Choice key={c} id={`counsel-${c}`} value={c} label={tx(`counsel.${c}`)} reg={register('counselling')} />
        ))}
      </Group>

      <Field id="weightGrams" label={tx('visit.weight')} hint={tx('visit.weightHint')} error={err('weightGrams')}>
        <Input id="weightGrams" inputMode="numeric" autoComplete="off" maxLength={6} invalid={Boolean(err('weightGrams'))} hasHint {...register('weightGrams')} />
      </Field>

      <Field id="notes" label={tx('visit.notes')} error={err('notes')}>
        <textarea
          id="notes"
          rows={3}
          maxLength={NOTES_MAX}
          aria-invalid={err('notes') ? true : undefined}
          aria-describedby={err('notes') ? fieldIds('notes').error : undefined}
          className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
          {...register('notes')}
        />
      </Field>

      {edit ? (
        <Field id="reason" label={tx('visitEdit.reason')} hint={tx('visitEdit.reasonHint')} error={err('reason')}>
          <textarea
            id="reason"
            rows={2}
            maxLength={REASON_MAX}
            aria-invalid={err('reason') ? true : undefined}
            aria-describedby={[fieldIds('reason').hint, err('reason') ? fieldIds('reason').error : null].filter(Boolean).join(' ')}
            className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
            {...register('reason')}
          />
        </Field>
      ) : null}

      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {edit ? (pending ? tx('visitEdit.saving') : tx('visitEdit.save')) : pending ? tx('visit.saving') : tx('visit.save')}
      </Button>
    </form>
  );
}
