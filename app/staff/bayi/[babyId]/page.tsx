import { BabyDetail } from '@/components/baby-detail';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { babyDetail } from '@/lib/data/visits';

export default async function StaffBabyPage({ params }: { params: Promise<{ babyId: string }> }) {
  const { babyId } = await params;
  const user = await requireUser(['staff', 'admin']);
  const data = await orDenied(babyDetail(user, babyId));
  return (
    <Shell user={user} current="/staff">
      <BabyDetail data={data} />
    </Shell>
  );
}
