'use client';
/** The few session forms that need field messages or a search answer (useActionState). */
import { useActionState, useState } from 'react';
import {
  addWalkInAction,
  cancelGroupSessionAction,
  findMothersAction,
  publishAction,
  saveGroupSessionAction,
  summaryAction,
  type GroupSessionActionState,
} from '@/lib/actions/group-sessions';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

type Texts = Record<string, string>;
const selectClass = 'min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink';
const textareaClass = 'min-h-32 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink';

function Notice({ state }: { state: GroupSessionActionState }) {
  if (state.formError)
    return (
      <p id="form-error" role="alert" className="text-sm font-medium text-danger">
        {state.formError}
      </p>
    );
  if (state.notice)
    return (
      <p role="status" className="text-sm font-medium text-ok">
        {state.notice}
      </p>
    );
  return null;
}

export type VillageOption = { id: string; name: string; posyandu: { id: string; name: string }[] };

export function GroupSessionForm({
  id,
  editId,
  initial,
  villages,
  topics,
  texts,
  lessons = [],
}: {
  id: string;
  editId?: string;
  initial: Record<string, string>;
  villages: VillageOption[];
  topics: { code: string; label: string }[];
  texts: Texts;
  /** The lessons it may choose as its topic (issue #28): the puskesmas's visible ones. */
  lessons?: { slug: string; title: string }[];
}) {
  // The server action itself (not a client wrapper), so that the form also posts without
  // JavaScript. Each refusal carries a nonce: the form is mounted anew with it, so that the
  // fields show what was sent (React resets a form after its action).
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(saveGroupSessionAction, {});
  // Without JavaScript the refused form is rendered anew by the server: start from what was sent.
  const [topic, setTopic] = useState(state.values?.topic || initial.topic || 'ten_steps');
  const [villageId, setVillageId] = useState(state.values?.villageId || initial.villageId || villages[0]?.id || '');
  const err = state.fieldErrors ?? {};
  const shown = { ...initial, ...(state.values ?? {}) };
  const village = villages.find((v) => v.id === villageId);
  const input = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={name} label={texts[`fields.${name}`]} hint={hint} error={err[name]}>
      <Input id={name} name={name} defaultValue={shown[name] ?? ''} invalid={Boolean(err[name])} hasHint={Boolean(hint)} {...props} />
    </Field>
  );
  return (
    <form key={state.nonce ?? 'new'} action={action} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="id" value={id} />
      {editId ? <input type="hidden" name="editId" value={editId} /> : null}
      <Notice state={state} />
      {input('title', { required: true, maxLength: 120 })}
      <Field id="topic" label={texts['fields.topic']} error={err.topic}>
        <select id="topic" name="topic" className={selectClass} value={topic} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
        </select>
      </Field>
      {topic === 'other' ? input('topicText', { required: true, maxLength: 120 }) : null}
      {lessons.length ? <LessonPicker lessons={lessons} chosen={(shown.lessons ?? '').split(',').filter(Boolean)} error={err.lessons} texts={texts} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {input('date', { type: 'date', required: true })}
        {input('startTime', { type: 'time', required: true }, texts['fields.timeHint'])}
        {input('endTime', { type: 'time', required: true })}
      </div>
      {input('place', { required: true, maxLength: 200 }, texts['fields.placeHint'])}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="villageId" label={texts['fields.villageId']} error={err.villageId}>
          <select
            id="villageId"
            name="villageId"
            className={selectClass}
            value={villageId}
            onChange={(e) => setVillageId(e.target.value)}
            aria-invalid={Boolean(err.villageId) || undefined}
            aria-describedby={err.villageId ? 'villageId-error' : undefined}
          >
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="posyanduId" label={texts['fields.posyanduId']} error={err.posyanduId}>
          <select id="posyanduId" name="posyanduId" className={selectClass} defaultValue={shown.posyanduId ?? ''} key={villageId}>
            <option value="">{texts['fields.noPosyandu']}</option>
            {(village?.posyandu ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {input('facilitators', { maxLength: 300 }, texts['fields.facilitatorsHint'])}
      {input('capacity', { type: 'number', inputMode: 'numeric', min: 1, max: 200, required: true }, texts['fields.capacityHint'])}
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? texts.saving : texts.save}
        </Button>
      </div>
    </form>
  );
}

export function CancelForm({ sessionId, texts }: { sessionId: string; texts: Texts }) {
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(cancelGroupSessionAction, {});
  const error = state.fieldErrors?.reason;
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field id="cancel-reason" label={texts.cancelReasonLabel} hint={texts.cancelReasonHint} error={error}>
        <Input id="cancel-reason" name="reason" required maxLength={300} invalid={Boolean(error)} hasHint />
      </Field>
      <div>
        <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
          {texts.cancelSubmit}
        </Button>
      </div>
      <Notice state={state} />
    </form>
  );
}

export function SummaryForm({ sessionId, summary, texts }: { sessionId: string; summary: string; texts: Texts }) {
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(summaryAction, {});
  const error = state.fieldErrors?.summary;
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field id="summary" label={texts.summaryLabel} hint={texts.summaryHint} error={error}>
        <textarea
          id="summary"
          name="summary"
          defaultValue={summary}
          maxLength={5000}
          className={textareaClass}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={['summary-hint', error ? 'summary-error' : ''].filter(Boolean).join(' ')}
        />
      </Field>
      <div>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {texts.summarySave}
        </Button>
      </div>
      <Notice state={state} />
    </form>
  );
}

export function PublishForm({ sessionId, categories, texts }: { sessionId: string; categories: { id: string; name: string }[]; texts: Texts }) {
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(publishAction, {});
  if (state.postId)
    return (
      <p role="status" className="text-sm font-medium text-ok">
        {texts.published}{' '}
        <a className="text-brand underline" href={`/forum/t/${state.postId}`}>
          {texts.openPost}
        </a>
      </p>
    );
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field id="categoryId" label={texts.publishCategory}>
        <select id="categoryId" name="categoryId" className={selectClass}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {texts.publish}
        </Button>
      </div>
      <Notice state={state} />
    </form>
  );
}

/**
 * Find a registered mother (POST: no name or phone in the address) and act on her: invite,
 * or record her present. `act` is a plain form action.
 */
export function FindMother({
  sessionId,
  act,
  actLabel,
  actLabelFor,
  hidden,
  texts,
}: {
  sessionId: string;
  act: (formData: FormData) => Promise<void>;
  actLabel: string;
  actLabelFor: string;
  hidden?: Record<string, string>;
  texts: Texts;
}) {
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(findMothersAction, {});
  const error = state.fieldErrors?.q;
  return (
    <div className="flex flex-col gap-2">
      <form action={action} noValidate className="flex flex-col gap-2">
        <input type="hidden" name="sessionId" value={sessionId} />
        <Field id={`q-${actLabel}`} label={texts.findLabel} error={error}>
          <Input id={`q-${actLabel}`} name="q" required maxLength={60} invalid={Boolean(error)} />
        </Field>
        <div>
          <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
            {texts.findSubmit}
          </Button>
        </div>
      </form>
      {state.mothers ? (
        state.mothers.length === 0 ? (
          <p className="text-sm text-muted">{texts.noMatch}</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="found-mothers">
            {state.mothers.map((m) => (
              <li key={m.motherId} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-line p-2">
                <span>
                  <span className="font-semibold text-ink">{m.name}</span>
                  <span className="block text-sm text-muted">
                    {m.posyanduName}, {m.villageName}
                  </span>
                </span>
                <form action={act}>
                  <input type="hidden" name="sessionId" value={sessionId} />
                  <input type="hidden" name="motherId" value={m.motherId} />
                  {Object.entries(hidden ?? {}).map(([k, v]) => (
                    <input key={k} type="hidden" name={k} value={v} />
                  ))}
                  <Button type="submit" variant="secondary" aria-label={actLabelFor.replace('{name}', m.name)}>
                    {actLabel}
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

export function WalkInForm({ sessionId, newId, texts }: { sessionId: string; newId: string; texts: Texts }) {
  const [state, action, pending] = useActionState<GroupSessionActionState, FormData>(addWalkInAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="id" value={newId} />
      <Field id="walkin-name" label={texts.walkInName} error={err.name}>
        <Input id="walkin-name" name="name" required maxLength={100} invalid={Boolean(err.name)} />
      </Field>
      <Field id="walkin-role" label={texts.walkInRole} error={err.role}>
        <select id="walkin-role" name="role" className={selectClass} defaultValue="family">
          <option value="family">{texts['role.family']}</option>
          <option value="pregnant">{texts['role.pregnant']}</option>
        </select>
      </Field>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {texts.walkInAdd}
        </Button>
      </div>
      <Notice state={state} />
    </form>
  );
}

/** The session's lessons: check boxes in a group (a multi-select that works at 360 px and by keyboard). */
function LessonPicker({ lessons, chosen, error, texts }: { lessons: { slug: string; title: string }[]; chosen: string[]; error?: string; texts: Texts }) {
  return (
    <fieldset id="lessons" aria-describedby={error ? 'lessons-error' : 'lessons-hint'} aria-invalid={error ? true : undefined} className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-semibold text-ink">{texts['fields.lessons']}</legend>
      <p id="lessons-hint" className="text-sm text-muted">
        {texts['fields.lessonsHint']}
      </p>
      <div className="grid gap-x-4 sm:grid-cols-2">
        {lessons.map((l) => (
          <label
            key={l.slug}
            htmlFor={`lesson-${l.slug}`}
            className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 py-1 text-base text-ink hover:bg-canvas"
          >
            <input
              id={`lesson-${l.slug}`}
              name="lessons"
              type="checkbox"
              value={l.slug}
              defaultChecked={chosen.includes(l.slug)}
              className="h-5 w-5 shrink-0 accent-brand"
            />
            <span>{l.title}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="lessons-error" role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
