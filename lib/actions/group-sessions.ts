'use server';
/**
 * Group session actions: thin, each calls one data-access function (which validates, checks
 * the policy and the village, and audits). Refusals of the policy answer 403 (forbidden()),
 * unknown ids 404; field messages come back translated.
 */
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { Role } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import {
  addWalkIn,
  answerRsvp,
  cancelGroupSession,
  closeRegister,
  createGroupSession,
  findMothers,
  inviteMother,
  markAttendance,
  markReminded,
  markWalkIn,
  publishSummary,
  RegisterClosedError,
  saveSummary,
  updateGroupSession,
} from '@/lib/data/group-sessions';
import { ForumError } from '@/lib/data/forum';
import { formatDate } from '@/lib/format';
import { field, formValues, strs } from './form-data';
import { ignoring, safeAction, when } from './safe-action';

const WRITERS: Role[] = ['staff', 'admin', 'kader'];

export type GroupSessionActionState = {
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

async function translated(errors: Partial<Record<string, string>>) {
  const t = await getTranslations();
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v as never)]));
}

const SESSION_FIELDS = ['id', 'title', 'topic', 'topicText', 'date', 'startTime', 'endTime', 'place', 'villageId', 'posyanduId', 'facilitators', 'capacity'] as const;

export async function saveGroupSessionAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    const t = await getTranslations();
    // The lessons it chooses are check boxes (several values); kept comma-joined in the refused form's values.
    const lessons = strs(formData, 'lessons');
    const values = { ...formValues(formData, SESSION_FIELDS), lessons: lessons.join(',') };
    const editId = String(field(formData, 'editId') ?? '');
    const input = { ...values, lessons };
    const res = editId ? await updateGroupSession(user, editId, input) : await createGroupSession(user, input);
    if (!res.ok) return { fieldErrors: await translated(res.fieldErrors), formError: t('sessions.fixErrors'), values, nonce: randomUUID() };
    revalidatePath(baseOf(user.role));
    redirect(`${baseOf(user.role)}/${res.id}?disimpan=1`);
  });
}

export async function cancelGroupSessionAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    const t = await getTranslations();
    const res = await cancelGroupSession(user, formValues(formData, ['sessionId', 'reason']));
    if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}`);
    return { ok: true, notice: t('sessions.cancelled') };
  });
}

/** One tap in the register. A closed register answers with the page as it is. */
export async function markAttendanceAction(formData: FormData): Promise<void> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    const mark = field(formData, 'attendanceId')
      ? markWalkIn(user, formValues(formData, ['sessionId', 'attendanceId', 'status']))
      : markAttendance(user, formValues(formData, ['sessionId', 'motherId', 'status']));
    await mark.catch(ignoring(RegisterClosedError));
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}/hadir`);
  });
}

export async function addWalkInAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction(
    {
      user: () => requireUser(WRITERS),
      pages: true,
      refusals: [when(RegisterClosedError, async () => ({ formError: (await getTranslations())('sessions.registerNotOpen') }))],
    },
    async (user) => {
      const res = await addWalkIn(user, formValues(formData, ['sessionId', 'id', 'name', 'role']));
      if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
      revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}/hadir`);
      return { ok: true };
    },
  );
}

export async function findMothersAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    const res = await findMothers(user, formValues(formData, ['sessionId', 'q']));
    if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
    return { ok: true, mothers: res.mothers };
  });
}

export async function inviteAction(formData: FormData): Promise<void> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    await inviteMother(user, formValues(formData, ['sessionId', 'motherId']));
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}`);
  });
}

export async function remindAction(formData: FormData): Promise<void> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    await markReminded(user, formValues(formData, ['sessionId', 'motherId']));
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}`);
  });
}

/** Closing a register that is already closed (or too late) leaves the page as it is. */
export async function closeRegisterAction(formData: FormData): Promise<void> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    await closeRegister(user, String(field(formData, 'sessionId') ?? '')).catch(ignoring(RegisterClosedError));
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}/hadir`);
  });
}

export async function summaryAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction({ user: () => requireUser(WRITERS), pages: true }, async (user) => {
    const t = await getTranslations();
    const res = await saveSummary(user, formValues(formData, ['sessionId', 'summary']));
    if (!res.ok) return { fieldErrors: await translated(res.fieldErrors) };
    revalidatePath(`${baseOf(user.role)}/${field(formData, 'sessionId')}`);
    return { ok: true, notice: t('sessions.summarySaved') };
  });
}

export async function publishAction(_prev: GroupSessionActionState, formData: FormData): Promise<GroupSessionActionState> {
  return safeAction(
    {
      user: () => requireUser(['staff', 'admin']),
      pages: true,
      // The forum's own refusals (posting limit): said on the form, nothing stored.
      refusals: [when(ForumError, async (err) => ({ formError: (await getTranslations())(`forum.errors.${err.code}`) }))],
    },
    async (user) => {
      const t = await getTranslations();
      const res = await publishSummary(user, formValues(formData, ['sessionId', 'categoryId']), {
        title: (title, date) => t('sessions.postTitle', { title, date: formatDate(date, 'id') }),
      });
      revalidatePath(`/staff/pertemuan/${field(formData, 'sessionId')}`);
      return { ok: true, notice: t('sessions.published'), postId: res.postId };
    },
  );
}

export async function rsvpAction(formData: FormData): Promise<void> {
  return safeAction({ user: () => requireUser(['ibu']), pages: true }, async (user) => {
    await answerRsvp(user, formValues(formData, ['sessionId', 'answer']));
    revalidatePath('/ibu');
  });
}
