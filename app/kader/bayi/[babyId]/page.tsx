import { getLocale, getTranslations } from 'next-intl/server';
import { BabyDetail, ChangeNotice } from '@/app/_components/baby-detail';
import { Shell } from '@/components/layout/shell';
import { CounsellingCard } from '@/components/lessons/counselling-card';
import { ButtonLink } from '@/components/ui/button-link';
import { KnowledgePromptCard, KnowledgeResults } from '@/components/knowledge/knowledge-results';
import { orDenied, requireUser } from '@/lib/auth/session';
import { groupSessionsAttendedByMother } from '@/lib/data/group-sessions';
import { readerLibrary } from '@/lib/data/lessons';
import { babyDetail } from '@/lib/data/visits';
import { babyKnowledgeChecks } from '@/lib/data/knowledge';

export default async function KaderBabyPage({
  params,
  searchParams,
}: {
  params: Promise<{ babyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { babyId } = await params;
  const sp = await searchParams;
  const user = await requireUser(['kader']);
  const locale = (await getLocale()) as 'id' | 'en';
  const [data, library] = await Promise.all([orDenied(babyDetail(user, babyId)), readerLibrary(user, locale)]);
  const [attended, knowledge] = await Promise.all([groupSessionsAttendedByMother(user, data.motherId), babyKnowledgeChecks(user, data.babyId)]);
  const checkHref = `/kader/bayi/${data.babyId}/cek-pengetahuan`;
  const t = await getTranslations();
  // Bahan konseling while the kader still visits (under 6 months, not exited); the newest visit first.
  const followed = (data.status === 'ongoing' || data.status === 'broken') && data.today < data.sixMonthDate;
  return (
    <Shell user={user} current="/kader">
      <ChangeNotice searchParams={sp} />
      <BabyDetail
        data={data}
        attended={attended}
        base="/kader"
        counselling={
          followed ? (
            <CounsellingCard
              lessons={library.lessons}
              birthDate={data.birthDate}
              today={data.today}
              latestVisit={data.visits[0] ?? null}
              allHref={library.href ?? undefined}
            />
          ) : null
        }
        actions={
          <>
            <ButtonLink href={`/kader/bayi/${data.babyId}/kunjungan`} className="w-full">
              {t('baby.recordVisit')}
            </ButtonLink>
            {knowledge.prompt ? (
              <KnowledgePromptCard occasion={knowledge.prompt} href={knowledge.promptVisitId ? `${checkHref}?kunjungan=${knowledge.promptVisitId}` : checkHref} />
            ) : null}
          </>
        }
        knowledge={<KnowledgeResults checks={knowledge.checks} takeHref={checkHref} />}
      />
    </Shell>
  );
}
