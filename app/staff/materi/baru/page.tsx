import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LessonForm } from '@/components/lessons/lesson-form';
import { Shell } from '@/components/layout/shell';
import { requireUser } from '@/lib/auth/session';
import { lessonFormProps } from '../_components/form-props';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('lessons.staff');
  return { title: t('newTitle') };
}

/** Staff (issue #28): write a lesson — preview rendered on the server, saved as a draft. */
export default async function NewLessonPage() {
  const user = await requireUser(['staff', 'admin']);
  const t = await getTranslations('lessons.staff');
  const props = await lessonFormProps();
  return (
    <Shell user={user} current="/staff/materi">
      <p>
        <Link href="/staff/materi" className="inline-flex min-h-11 items-center text-brand underline underline-offset-4">
          {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('newTitle')}</h1>
      <p className="mb-4 mt-1 max-w-3xl text-muted">{t('formIntro')}</p>
      <div className="max-w-3xl">
        <LessonForm initial={{ stage: 'age', audience: 'mother', ageFromDay: '0' }} {...props} />
      </div>
    </Shell>
  );
}
