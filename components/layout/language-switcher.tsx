import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/lib/i18n/config';

const NAMES = { id: 'Bahasa Indonesia', en: 'English' } as const;

/** A plain form posted to /api/locale (works without JavaScript). */
export async function LanguageSwitcher({ back }: { back: string }) {
  const locale = await getLocale();
  const t = await getTranslations('app');
  return (
    <form action="/api/locale" method="post" className="flex items-center gap-2">
      <input type="hidden" name="back" value={back} />
      <label htmlFor="locale" className="sr-only">
        {t('language')}
      </label>
      <select id="locale" name="locale" defaultValue={locale} className="min-h-11 rounded-lg border border-line bg-surface px-2 text-sm text-ink">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="min-h-11 rounded-lg border border-line bg-surface px-3 text-sm font-semibold text-ink hover:bg-canvas">
        {t('languageSave')}
      </button>
    </form>
  );
}
