'use server';
/**
 * Group session actions: thin, each calls one data-access function (which validates, checks
 * the policy and the village, and audits). Refusals of the policy answer 403 (forbidden()),
 * unknown ids 404; field messages come back translated.
 */
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ForbiddenError, NotFoundError, type Role } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import {
  addWalkIn,
  answerRsvp,
  cancelSession,
  closeRegister,
  createSession,
  findMothers,
  inviteMother,
  markAttendance,
  markReminded,
  markWalkIn,
  publishSummary,
  RegisterClosedError,
  saveSummary,
  updateSession,
} from '@/lib/data/sessions';
import { ForumError } from '@/lib/data/forum';
import { formatDate } from '@/lib/format';

const WRITERS: Role[] = ['staff', 'admin', 'kader'];

export type SessionActionState = {
  ok?: boolean;
  notice?: string;
  formError?: string;
  fieldErrors?: Partial<Record<string, string>>;
  mothers?: { motherId: string; name: string; posyanduName: string; villageName: string }[];
  postId?: string;
  /** What was sent, so that a refused form shows it again. */
  values?: Record<string, string>;
  /** New on every refusal: the form is mounted anew with it (React empties a form after its action). */
  nonce?: string;
};

function baseOf(role: Role): string {
  return role === 'kader' ? '/kader/pertemuan' : '/staff/pertemuan';
}

/** Runs a data call; 403 / 404 pages for the policy's refusals. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

function fields(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(formData.get(n) ?? '')]));
}

async function translated(errors: Partial<Record<string, string>>) {
  const t = await getTranslations();
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v as never)]));
}

const SESSION_FIELDS = ['id', 'title', 'topic', 'topicText', 'date', 'startTime', 'endTime', 'place', 'villageId', 'posyanduId', 'facilitators', 'capacity'] as const;

export async function saveSessionAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(WRITERS);
  const t = await getTranslations();
  const values = fields(formData, SESSION_FIELDS);
  const editId = String(formData.get('editId') ?? '');
  const res = await guarded(() => (editId ? updateSession(user, editId, values) : createSession(user, values)));
  if (!res.ok) return { fieldErrors: await translated(res.fieldErrors), formError: t('sessions.fixErrors'), values, nonce: randomUUID() };
  revalidatePath(baseOf(user.role));
  redirect(`${baseOf(user.role)}/${res.id}?disimpan=1`);
}

export async function cancelSessionAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(WRITERS);
  const t = await getTranslations();
  const res = await guarded(() => cancelSession(user, fields(formData, ['sessionId', 'reason'])));
  if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}`);
  return { ok: true, notice: t('sessions.cancelled') };
}

/** One tap in the register. A closed register answers with the page as it is. */
export async function markAttendanceAction(formData: FormData): Promise<void> {
  const user = await requireUser(WRITERS);
  await guarded(async () => {
    try {
      if (formData.get('attendanceId')) await markWalkIn(user, fields(formData, ['sessionId', 'attendanceId', 'status']));
      else await markAttendance(user, fields(formData, ['sessionId', 'motherId', 'status']));
    } catch (err) {
      if (!(err instanceof RegisterClosedError)) throw err;
    }
  });
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}/hadir`);
}

export async function addWalkInAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(WRITERS);
  const t = await getTranslations();
  try {
    const res = await guarded(() => addWalkIn(user, fields(formData, ['sessionId', 'id', 'name', 'role'])));
    if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
  } catch (err) {
    if (err instanceof RegisterClosedError) return { formError: t('sessions.registerNotOpen') };
    throw err;
  }
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}/hadir`);
  return { ok: true };
}

export async function findMothersAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(WRITERS);
  const res = await guarded(() => findMothers(user, fields(formData, ['sessionId', 'q'])));
  if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
  return { ok: true, mothers: res.mothers };
}

export async function inviteAction(formData: FormData): Promise<void> {
  const user = await requireUser(WRITERS);
  await guarded(() => inviteMother(user, fields(formData, ['sessionId', 'motherId'])));
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}`);
}

export async function remindAction(formData: FormData): Promise<void> {
  const user = await requireUser(WRITERS);
  await guarded(() => markReminded(user, fields(formData, ['sessionId', 'motherId'])));
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}`);
}

export async function closeRegisterAction(formData: FormData): Promise<void> {
  const user = await requireUser(WRITERS);
  await guarded(async () => {
    try {
      await closeRegister(user, String(formData.get('sessionId') ?? ''));
    } catch (err) {
      if (!(err instanceof RegisterClosedError)) throw err;
    }
  });
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}/hadir`);
}

export async function summaryAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(WRITERS);
  const t = await getTranslations();
  const res = await guarded(() => saveSummary(user, fields(formData, ['sessionId', 'summary'])));
  if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
  revalidatePath(`${baseOf(user.role)}/${formData.get('sessionId')}`);
  return { ok: true, notice: t('sessions.summarySaved') };
}

export async function publishAction(_prev: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser(['staff', 'admin']);
  const t = await getTranslations();
  let res: { postId: string };
  try {
    res = await guarded(() =>
      publishSummary(user, fields(formData, ['sessionId', 'categoryId']), {
        title: (title, date) => t('sessions.postTitle', { title, date: formatDate(date, 'id') }),
      }),
    );
  } catch (err) {
    // The forum's own refusals (posting limit): said on the form, nothing stored.
    if (err instanceof ForumError) return { formError: t(`forum.errors.${err.code}`) };
    throw err;
  }
  revalidatePath(`/staff/pertemuan/${formData.get('sessionId')}`);
  return { ok: true, notice: t('sessions.published'), postId: res.postId };
}

export async function rsvpAction(formData: FormData): Promise<void> {
  const user = await requireUser(['ibu']);
  await guarded(() => answerRsvp(user, fields(formData, ['sessionId', 'answer'])));
  revalidatePath('/ibu');
}
