import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LessonForm } from '@/components/lessons/lesson-form';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { staffLesson } from '@/lib/data/lessons';
import { lessonFormProps } from '../../_components/form-props';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('lessons.staff');
  return { title: t('editTitle') };
}

/** Staff (issue #28): edit an own lesson (a built-in one is changed in the repository, not here). */
export default async function EditLessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser(['staff', 'admin']);
  const { slug } = await params;
  const lesson = await orDenied(staffLesson(user, slug));
  if (lesson.builtin || !lesson.values) notFound();
  const t = await getTranslations('lessons.staff');
  const props = await lessonFormProps();
  return (
    <Shell user={user} current="/staff/materi">
      <p>
        <Link href={`/staff/materi/${lesson.slug}`} className="inline-flex min-h-11 items-center text-brand underline underline-offset-4">
          {lesson.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('editTitle')}</h1>
      <p className="mb-4 mt-1 max-w-3xl text-muted">{t('formIntro')}</p>
      <div className="max-w-3xl">
        <LessonForm original={lesson.slug} initial={lesson.values} {...props} />
      </div>
    </Shell>
  );
}
