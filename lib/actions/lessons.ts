'use server';
/**
 * Lessons (materi, issue #28; /staff/materi): preview, write, publish, review, hide. Each action
 * checks the signed-in user and calls one data function (lib/data/lessons.ts), which validates
 * with the form's schema (lib/validation/lesson.ts), checks the policy and audits the write.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import {
  createLesson,
  previewLesson,
  publishLesson,
  reviewLesson,
  setBuiltinHidden,
  unpublishLesson,
  updateLesson,
  type LessonPreview,
  type LessonStepResult,
} from '@/lib/data/lessons';
import type { FormState } from '@/lib/validation/form-state';
import { LESSON_FIELDS, type LessonField } from '@/lib/validation/lesson';
import { str, strs } from './form-data';
import { safeAction } from './safe-action';

export type LessonFormValues = Partial<Record<LessonField, string | string[]>>;

export type LessonFormState = FormState<LessonField | '_form'> & {
  /** What was sent, shown again (React resets a form after its action). */
  values?: LessonFormValues;
  /** The rendered lesson of the "Pratinjau" step. */
  preview?: LessonPreview;
  /** Blocked terms the text holds (PP 28/2024): named to the writer. */
  blockedTerms?: string[];
  /** When this answer was made: the form shows the newest of its two actions' answers. */
  at?: number;
};

const MULTI: readonly LessonField[] = ['counselling', 'breakReasons', 'findings'];
const ROLES = ['staff', 'admin'] as const;

/** The posted lesson form: texts as typed (a field longer than any limit is refused by the schema, not cut). */
function posted(fd: FormData): LessonFormValues {
  const out: LessonFormValues = {};
  for (const f of LESSON_FIELDS) out[f] = MULTI.includes(f) ? strs(fd, f) : (str(fd, f) ?? '');
  return out;
}

/** Shown again after a refusal; never more than a form field can hold. */
function shown(v: LessonFormValues): LessonFormValues {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x.slice(0, 30).map((s) => s.slice(0, 40)) : String(x).slice(0, 8000)]));
}

const denied = (values: LessonFormValues): LessonFormState => ({ formError: 'lessons.errors.notAllowed', values: shown(values), at: Date.now() });
const gone = (values: LessonFormValues): LessonFormState => ({ formError: 'lessons.errors.gone', values: shown(values), at: Date.now() });

/** "Pratinjau": the lesson rendered on the server, nothing saved. */
export async function previewLessonAction(_prev: LessonFormState, fd: FormData): Promise<LessonFormState> {
  const values = posted(fd);
  const original = str(fd, 'original') || null;
  return safeAction({ user: () => requireUser(ROLES), forbidden: denied(values), notFound: gone(values) }, async (actor) => {
    const res = await previewLesson(actor, values, original);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'lessons.errors.fix', values: shown(values), at: Date.now() };
    return { ok: true, preview: res.preview, blockedTerms: res.blockedTerms, values: shown(values), at: Date.now() };
  });
}

function refusedSave(values: LessonFormValues, res: { fieldErrors: Partial<Record<string, string>>; blockedTerms?: string[] }): LessonFormState {
  const { _form, ...fieldErrors } = res.fieldErrors;
  return { fieldErrors, formError: _form ?? 'lessons.errors.fix', blockedTerms: res.blockedTerms, values: shown(values), at: Date.now() };
}

/** "Simpan draf" of a new lesson: to its page, where it is previewed and published. */
export async function createLessonAction(_prev: LessonFormState, fd: FormData): Promise<LessonFormState> {
  const values = posted(fd);
  const slug = await safeAction({ user: () => requireUser(ROLES), forbidden: denied(values), notFound: gone(values) }, async (actor) => {
    const res = await createLesson(actor, values);
    if (!res.ok) return refusedSave(values, res);
    return res.slug;
  });
  if (typeof slug !== 'string') return slug;
  revalidatePath('/staff/materi');
  redirect(`/staff/materi/${slug}?n=saved`);
}

/** "Simpan" of an own lesson's edit form (its slug does not change). */
export async function updateLessonAction(_prev: LessonFormState, fd: FormData): Promise<LessonFormState> {
  const values = posted(fd);
  const original = str(fd, 'original') ?? '';
  const slug = await safeAction({ user: () => requireUser(ROLES), forbidden: denied(values), notFound: gone(values) }, async (actor) => {
    const res = await updateLesson(actor, original, values);
    if (!res.ok) return refusedSave(values, res);
    return res.slug;
  });
  if (typeof slug !== 'string') return slug;
  revalidatePath('/staff/materi');
  redirect(`/staff/materi/${slug}?n=saved`);
}

/** A step on the lesson's page answers with ?n= (done) or ?e= (refused; the page names the blocked terms from the lesson itself). */
function back(slug: string, res: LessonStepResult, done: string): never {
  const base = `/staff/materi/${encodeURIComponent(slug)}`;
  if (res.ok) {
    revalidatePath('/staff/materi');
    redirect(`${base}?n=${done}`);
  }
  redirect(`${base}?e=${res.error}`);
}

const slugOf = (fd: FormData) => {
  const s = str(fd, 'slug') ?? '';
  return /^[a-z0-9-]{1,80}$/.test(s) ? s : 'x';
};

export async function publishLessonAction(fd: FormData): Promise<void> {
  const slug = slugOf(fd);
  const res = await safeAction({ user: () => requireUser(ROLES), pages: true }, async (actor) => publishLesson(actor, slug));
  back(slug, res, 'published');
}

export async function unpublishLessonAction(fd: FormData): Promise<void> {
  const slug = slugOf(fd);
  const res = await safeAction({ user: () => requireUser(ROLES), pages: true }, async (actor) => unpublishLesson(actor, slug));
  back(slug, res, 'unpublished');
}

export async function reviewLessonAction(fd: FormData): Promise<void> {
  const slug = slugOf(fd);
  const res = await safeAction({ user: () => requireUser(ROLES), pages: true }, async (actor) => reviewLesson(actor, slug));
  back(slug, res, 'reviewed');
}

/** Hide a built-in lesson for this puskesmas (hidden=1) or show it again (hidden=0). */
export async function hideLessonAction(fd: FormData): Promise<void> {
  const slug = slugOf(fd);
  const hidden = str(fd, 'hidden') === '1';
  const res = await safeAction({ user: () => requireUser(ROLES), pages: true }, async (actor) => setBuiltinHidden(actor, slug, hidden));
  back(slug, res, hidden ? 'hidden' : 'shown');
}
