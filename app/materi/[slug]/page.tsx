import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { NotFoundError } from '@/lib/auth/policy';
import { lessonBySlug, type LessonPage } from '@/lib/data/lessons';
import { isLocale } from '@/lib/i18n/config';
import { LessonView } from '../_components/lesson-views';

type Params = Promise<{ slug: string }>;

async function lessonOf(slug: string): Promise<LessonPage> {
  const locale = await getLocale();
  return lessonBySlug(null, slug, isLocale(locale) ? locale : 'id').catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const l = await lessonOf((await params).slug);
  return { title: l.title, description: l.summary };
}

/** Public (issue #28): a built-in lesson at its global address; it says "belum ditinjau" generically. */
export default async function LessonPage({ params }: { params: Params }) {
  const lesson = await lessonOf((await params).slug);
  return <LessonView lesson={lesson} origin={lesson.origin} libraryPath="/materi" />;
}
