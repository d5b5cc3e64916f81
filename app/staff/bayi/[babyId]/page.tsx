import { getTranslations } from 'next-intl/server';
import { BabyDetail, ChangeNotice } from '@/app/_components/baby-detail';
import { ExitForm, TransferForm } from '@/components/forms/journey-forms';
import { MotherLoginForm } from '@/components/forms/mother-login-form';
import { Shell } from '@/components/layout/shell';
import { Card } from '@/components/ui/card';
import { orDenied, requireUser } from '@/lib/auth/session';
import { motherAdminContext } from '@/lib/data/journey';
import { motherLoginOf } from '@/lib/data/mothers';
import { groupSessionsAttendedByMother } from '@/lib/data/group-sessions';
import { babyDetail } from '@/lib/data/visits';
import { babyKnowledgeChecks } from '@/lib/data/knowledge';
import { KnowledgeResults } from '@/components/knowledge/knowledge-results';
import { DataRightsCard } from '@/app/_components/data-rights-card';
import { EXIT_REASONS } from '@/lib/domain';
import { flatTexts } from '@/lib/i18n/texts';

export default async function StaffBabyPage({
  params,
  searchParams,
}: {
  params: Promise<{ babyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { babyId } = await params;
  const sp = await searchParams;
  const user = await requireUser(['staff', 'admin']);
  const [data, admin] = await Promise.all([orDenied(babyDetail(user, babyId)), orDenied(motherAdminContext(user, babyId))]);
  const [attended, login, knowledge] = await Promise.all([
    groupSessionsAttendedByMother(user, data.motherId),
    motherLoginOf(user, data.motherId),
    babyKnowledgeChecks(user, data.babyId),
  ]);
  const t = await getTranslations();
  const texts = {
    ...(await flatTexts(['motherAdmin', 'validation', 'places.refuse'])),
    ...Object.fromEntries(EXIT_REASONS.map((r) => [`motherAdmin.reasons.${r}`, t(`motherAdmin.reasons.${r}`)])),
  };
  // A mother registered without a login (decision 054): staff give her one here.
  const loginTexts = login
    ? {
        ...(await flatTexts(['motherLogin', 'motherLogin.errors', 'validation'])),
        ...Object.fromEntries((['codeIs', 'codeOnce', 'sendWa'] as const).map((k) => [`register.${k}`, t(`register.${k}`)])),
      }
    : {};
  return (
    <Shell user={user} current="/staff/ibu">
      <ChangeNotice searchParams={sp} />
      <BabyDetail
        data={data}
        attended={attended}
        base="/staff"
        knowledge={<KnowledgeResults checks={knowledge.checks} />}
        motherAccount={login ? <MotherLoginForm motherId={login.motherId} motherName={data.motherName} hasLogin={login.hasLogin} texts={loginTexts} /> : null}
        aside={
          <Card title={t('motherAdmin.title')}>
            <div className="grid gap-6 md:grid-cols-2">
              {admin.mayTransfer ? (
                <section aria-labelledby="transfer-title" className="flex flex-col gap-2">
                  <h3 id="transfer-title" className="font-semibold text-ink">
                    {t('motherAdmin.transferTitle')}
                  </h3>
                  <p className="text-sm text-muted">{t('motherAdmin.transferIntro')}</p>
                  <TransferForm babyId={admin.babyId} motherId={admin.motherId} current={admin.posyanduId} posyandu={admin.posyandu} texts={texts} />
                </section>
              ) : null}
              <section aria-labelledby="exit-title" className="flex flex-col gap-2">
                <h3 id="exit-title" className="font-semibold text-ink">
                  {t('motherAdmin.exitTitle')}
                </h3>
                {admin.exited ? (
                  <p className="text-sm text-muted" data-testid="exited-note">
                    {t('motherAdmin.alreadyExitedShort')}
                  </p>
                ) : (
                  <>
                    <p className="text-sm text-muted">{t('motherAdmin.exitIntro')}</p>
                    <ExitForm babyId={admin.babyId} birthDate={admin.birthDate} today={admin.today} texts={texts} />
                  </>
                )}
              </section>
            </div>
          </Card>
        }
      />
      {/* Issue #30: her copy, and her withdrawal. */}
      <DataRightsCard user={user} motherId={data.motherId} babyId={admin.babyId} withdrawn={sp.withdrawn === '1'} />
    </Shell>
  );
}
