import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { VisitForm } from '@/components/forms/visit-form';
import { visitFormLessons } from '@/components/lessons/visit-lessons';
import { orDenied, requireUser } from '@/lib/auth/session';
import { visitFormContext } from '@/lib/data/visits';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

export default async function RecordVisitPage({ params }: { params: Promise<{ babyId: string }> }) {
  const { babyId } = await params;
  const user = await requireUser(['kader']);
  const locale = (await getLocale()) as UiLocale;
  const ctx = await orDenied(visitFormContext(user, babyId, locale));
  const t = await getTranslations();
  const texts = await flatTexts(['visit', 'recallItem', 'breakReason', 'problem', 'attachment', 'danger', 'counsel', 'validation', 'offline', 'lessonCards']);
  const babyName = ctx.babyName ?? t('ibu.unnamed', { sex: t(`sex.${ctx.sex}`) });
  return (
    <Shell user={user} current="/kader">
      <p className="text-sm">
        <Link href={`/kader/bayi/${ctx.babyId}`} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {babyName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('visit.title')}</h1>
      <div className="mt-2 rounded-xl border border-line bg-surface p-3" data-testid="baby-status">
        <p className="text-ink">{t('visit.intro', { baby: babyName, mother: ctx.motherName })}</p>
        <p className="mt-1 text-sm text-muted">{t('baby.born', { date: formatDate(ctx.birthDate, locale), days: ctx.ageDays })}</p>
        <p className="mt-2 flex items-center gap-2 text-sm text-muted">
          {t('visit.statusNow')}: <StatusBadge status={ctx.status} />
        </p>
      </div>
      <div className="mt-4">
        <VisitForm
          babyId={ctx.babyId}
          birthDate={ctx.birthDate}
          today={ctx.today}
          visitDates={ctx.visitDates}
          windows={ctx.windows}
          registeredOn={ctx.registeredOn}
          texts={texts}
          offline={{ label: `${babyName} · ${ctx.motherName}` }}
          lessons={visitFormLessons(t, ctx.lessons)}
        />
      </div>
    </Shell>
  );
}
