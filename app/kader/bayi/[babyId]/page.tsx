import { getTranslations } from 'next-intl/server';
import { BabyDetail, ChangeNotice } from '@/components/baby-detail';
import { Shell } from '@/components/layout/shell';
import { ButtonLink } from '@/components/ui/button-link';
import { orDenied, requireUser } from '@/lib/auth/session';
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
  const t = await getTranslations();
  return (
    <Shell user={user} current="/kader">
      <ChangeNotice searchParams={sp} />
      <BabyDetail
        data={data}
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
