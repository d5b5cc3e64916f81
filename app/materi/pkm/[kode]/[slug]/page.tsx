import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { NotFoundError } from '@/lib/auth/policy';
import { lessonBySlug, type LessonPage } from '@/lib/data/lessons';
import { isLocale } from '@/lib/i18n/config';
import { LessonView } from '../../../_components/lesson-views';

type Params = Promise<{ kode: string; slug: string }>;

async function lessonOf(kode: string, slug: string): Promise<LessonPage> {
  const locale = await getLocale();
  return lessonBySlug(kode, slug, isLocale(locale) ? locale : 'id').catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { kode, slug } = await params;
  const l = await lessonOf(kode, slug);
  return { title: l.title, description: l.summary };
}

/**
 * Public (issue #28): a lesson of a puskesmas's library, with its review there. A built-in lesson
 * it hides, an own draft or an unknown slug: 404 (the global /materi/<slug> still shows a built-in one).
 */
export default async function PuskesmasLessonPage({ params }: { params: Params }) {
  const { kode, slug } = await params;
  const lesson = await lessonOf(kode, slug);
  return <LessonView lesson={lesson} origin={lesson.origin} libraryPath={`/materi/pkm/${encodeURIComponent(lesson.puskesmas!.code)}`} />;
}
