import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { VisitForm } from '@/components/forms/visit-form';
import { visitFormLessons } from '@/components/lessons/visit-lessons';
import { StatusBadge } from '@/components/status-badge';
import type { visitEditContext } from '@/lib/data/visits';
import { formatDate, formatDateTime, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

type Ctx = Awaited<ReturnType<typeof visitEditContext>>;

/** Changing a recorded visit, for the kader (her own, 7 days) and staff (any time). */
export async function VisitEditPage({ ctx, base }: { ctx: Ctx; base: '/kader' | '/staff' }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['visit', 'visitEdit', 'recallItem', 'breakReason', 'problem', 'attachment', 'danger', 'counsel', 'validation', 'lessonCards']);
  const babyName = ctx.babyName ?? t('ibu.unnamed', { sex: t(`sex.${ctx.sex}`) });
  return (
    <>
      <p className="text-sm">
        <Link href={`${base}/bayi/${ctx.babyId}`} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {babyName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('visitEdit.title')}</h1>
      <div className="mt-2 rounded-xl border border-line bg-surface p-3" data-testid="baby-status">
        <p className="text-ink">{t('visitEdit.intro', { date: formatDate(ctx.visitDate, locale), baby: babyName, mother: ctx.motherName, author: ctx.authorName })}</p>
        <p className="mt-1 text-sm text-muted">
          {ctx.editableUntil ? t('visitEdit.until', { date: formatDateTime(ctx.editableUntil, undefined, locale) }) : t('visitEdit.staffNote')}
        </p>
        <p className="mt-2 flex items-center gap-2 text-sm text-muted">
          {t('visit.statusNow')}: <StatusBadge status={ctx.status} />
        </p>
      </div>
      <div className="mt-4 max-w-2xl">
        <VisitForm
          babyId={ctx.babyId}
          birthDate={ctx.birthDate}
          today={ctx.today}
          visitDates={ctx.visitDates}
          windows={ctx.windows}
          registeredOn={ctx.registeredOn}
          texts={texts}
          edit={{ values: ctx.values }}
          lessons={visitFormLessons(t, ctx.lessons)}
        />
      </div>
    </>
  );
}
