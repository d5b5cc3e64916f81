import { Shell } from '@/components/layout/shell';
import { RegisterMotherPage } from '@/app/_components/register-mother-page';
import { requireUser } from '@/lib/auth/session';

export default async function StaffRegisterMother() {
  const user = await requireUser(['staff', 'admin']);
  return (
    <Shell user={user} current="/staff/ibu/baru">
      <RegisterMotherPage user={user} babyBase="/staff/bayi" />
    </Shell>
  );
}
