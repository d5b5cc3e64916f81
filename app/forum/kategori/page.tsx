import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { saveCategoryAction } from '@/lib/actions/forum';
import { orDenied, requireUser } from '@/lib/auth/session';
import { categoriesForEditing } from '@/lib/data/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('categoriesEditTitle') };
}

type Category = { id?: string; name: string; slug: string; description: string | null; sortOrder: number };

async function CategoryForm({ c, prefix }: { c: Category; prefix: string }) {
  const t = await getTranslations('forum');
  return (
    <form action={saveCategoryAction} className="grid gap-3 sm:grid-cols-2" data-testid="category-form">
      {c.id ? <input type="hidden" name="id" value={c.id} /> : null}
      <Field id={`${prefix}-name`} label={t('fields.name')}>
        <Input id={`${prefix}-name`} name="name" defaultValue={c.name} required minLength={3} maxLength={60} />
      </Field>
      <Field id={`${prefix}-slug`} label={t('fields.slug')} hint={t('slugHint')}>
        <Input id={`${prefix}-slug`} name="slug" defaultValue={c.slug} required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={60} hasHint />
      </Field>
      <Field id={`${prefix}-description`} label={t('fields.description')} className="sm:col-span-2">
        <Input id={`${prefix}-description`} name="description" defaultValue={c.description ?? ''} maxLength={200} />
      </Field>
      <Field id={`${prefix}-sortOrder`} label={t('fields.sortOrder')}>
        <Input id={`${prefix}-sortOrder`} name="sortOrder" type="number" inputMode="numeric" min={0} max={99} defaultValue={c.sortOrder} required />
      </Field>
      <div className="flex items-end">
        <Button type="submit">{c.id ? t('categorySave') : t('categoryAdd')}</Button>
      </div>
    </form>
  );
}

/** Staff and admin edit the forum's categories (a puskesmas setting). */
export default async function CategoriesPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff']);
  const sp = await searchParams;
  const categories = await orDenied(categoriesForEditing(user));
  const t = await getTranslations('forum');
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
            <CategoryForm c={c} prefix={`c-${c.id}`} />
          </Card>
        ))}
        <Card title={t('categoryNew')} headingLevel={2}>
          <CategoryForm c={{ name: '', slug: '', description: '', sortOrder: categories.length + 1 }} prefix="new" />
        </Card>
      </div>
    </Shell>
  );
}
