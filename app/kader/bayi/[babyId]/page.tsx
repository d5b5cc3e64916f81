import { getTranslations } from 'next-intl/server';
import { BabyDetail } from '@/components/baby-detail';
import { Shell } from '@/components/layout/shell';
import { ButtonLink } from '@/components/ui/button';
import { orDenied, requireUser } from '@/lib/auth/session';
import { babyDetail } from '@/lib/data/visits';

export default async function KaderBabyPage({
  params,
  searchParams,
}: {
  params: Promise<{ babyId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { babyId } = await params;
  const { saved } = await searchParams;
  const user = await requireUser(['kader']);
  const data = await orDenied(babyDetail(user, babyId));
  const t = await getTranslations();
  return (
    <Shell user={user} current="/kader">
      {saved === '1' ? (
        <p role="status" className="mb-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {t('baby.saved')}
        </p>
      ) : null}
      <BabyDetail
        data={data}
        actions={
          <ButtonLink href={`/kader/bayi/${data.babyId}/kunjungan`} className="w-full">
            {t('baby.recordVisit')}
          </ButtonLink>
        }
      />
    </Shell>
  );
}
