import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CategoryForm } from '@/components/forum/category-form';
import { Notice } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { Card } from '@/components/ui/card';
import { orDenied, requireUser } from '@/lib/auth/session';
import { categoriesForEditing } from '@/lib/data/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('categoriesEditTitle') };
}

/** Staff and admin edit the forum's categories (a puskesmas setting). */
export default async function CategoriesPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff']);
  const sp = await searchParams;
  const categories = await orDenied(categoriesForEditing(user));
  const t = await getTranslations('forum');
  const texts = {
    name: t('fields.name'),
    slug: t('fields.slug'),
    slugHint: t('slugHint'),
    description: t('fields.description'),
    sortOrder: t('fields.sortOrder'),
    save: t('categorySave'),
    add: t('categoryAdd'),
  };
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href="/forum" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('backToForum')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('categoriesEditTitle')}</h1>
      <p className="mt-1 text-muted">{t('categoriesEditIntro')}</p>
      <Notice n={searchParam(sp.n)} e={searchParam(sp.e)} />
      <div className="mt-4 flex flex-col gap-4">
        {categories.map((c) => (
          <Card key={c.id} title={c.name} headingLevel={2}>
            <CategoryForm c={c} prefix={`c-${c.id}`} texts={texts} />
          </Card>
        ))}
        <Card title={t('categoryNew')} headingLevel={2}>
          <CategoryForm c={{ name: '', slug: '', description: '', sortOrder: categories.length + 1 }} prefix="new" texts={texts} />
        </Card>
      </div>
    </Shell>
  );
}
