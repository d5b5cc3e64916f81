import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { lessonLibrary } from '@/lib/data/lessons';
import { isLocale } from '@/lib/i18n/config';
import { libraryFilter } from '@/lib/lessons/filter';
import type { SearchParams } from '@/lib/search-params';
import { LibraryView } from '../../_components/lesson-views';

type Params = Promise<{ kode: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const lib = await lessonLibrary((await params).kode, 'id', libraryFilter({}));
  const t = await getTranslations('lessons');
  return { title: lib?.puskesmas ? t('titlePkm', { puskesmas: lib.puskesmas.name }) : t('title') };
}

/** Public (issue #28): a puskesmas's library — the built-in lessons it does not hide and its own published ones. */
export default async function PuskesmasLibraryPage({ params, searchParams }: { params: Params; searchParams: Promise<SearchParams> }) {
  const { kode } = await params;
  const filter = libraryFilter(await searchParams);
  const locale = await getLocale();
  const lib = await lessonLibrary(kode, isLocale(locale) ? locale : 'id', filter);
  if (!lib?.puskesmas) notFound();
  const t = await getTranslations('lessons');
  const path = `/materi/pkm/${encodeURIComponent(lib.puskesmas.code)}`;
  return (
    <LibraryView
      lessons={lib.lessons}
      filter={filter}
      action={path}
      title={t('titlePkm', { puskesmas: lib.puskesmas.name })}
      intro={t('introPkm', { puskesmas: lib.puskesmas.name })}
    />
  );
}
