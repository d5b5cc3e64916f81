import { getTranslations } from 'next-intl/server';
import { BabyDetail, ChangeNotice } from '@/app/_components/baby-detail';
import { Shell } from '@/components/layout/shell';
import { ButtonLink } from '@/components/ui/button-link';
import { orDenied, requireUser } from '@/lib/auth/session';
import { groupSessionsAttendedByMother } from '@/lib/data/group-sessions';
import { babyDetail } from '@/lib/data/visits';

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
  const data = await orDenied(babyDetail(user, babyId));
  const attended = await groupSessionsAttendedByMother(user, data.motherId);
  const t = await getTranslations();
  return (
    <Shell user={user} current="/kader">
      <ChangeNotice searchParams={sp} />
      <BabyDetail
        data={data}
        attended={attended}
        base="/kader"
        actions={
          <ButtonLink href={`/kader/bayi/${data.babyId}/kunjungan`} className="w-full">
            {t('baby.recordVisit')}
          </ButtonLink>
        }
      />
    </Shell>
  );
}
