import { Shell } from '@/components/layout/shell';
import { RegisterMotherPage } from '@/app/_components/register-mother-page';
import { requireUser } from '@/lib/auth/session';

export default async function KaderRegisterMother() {
  const user = await requireUser(['kader']);
  return (
    <Shell user={user} current="/kader/ibu/baru">
      <RegisterMotherPage user={user} babyBase="/kader/bayi" />
    </Shell>
  );
}
