import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { lessonLibrary } from '@/lib/data/lessons';
import { isLocale } from '@/lib/i18n/config';
import { libraryFilter } from '@/lib/lessons/filter';
import type { SearchParams } from '@/lib/search-params';
import { LibraryView } from './_components/lesson-views';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('lessons');
  return { title: t('title') };
}

/** Public (issue #28): the built-in library, whatever any puskesmas hides. No login, no database query. */
export default async function LibraryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filter = libraryFilter(await searchParams);
  const locale = await getLocale();
  const t = await getTranslations('lessons');
  const lib = (await lessonLibrary(null, isLocale(locale) ? locale : 'id', filter))!;
  return <LibraryView lessons={lib.lessons} filter={filter} action="/materi" title={t('title')} intro={t('intro')} />;
}
