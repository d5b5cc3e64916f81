import { Shell } from '@/components/layout/shell';
import { VisitEditPage } from '@/app/_components/visit-edit-page';
import { orDenied, requireUser } from '@/lib/auth/session';
import { visitEditContext } from '@/lib/data/visits';

/** Staff and admin correct any visit of their puskesmas, with a reason. */
export default async function StaffVisitEdit({ params }: { params: Promise<{ babyId: string; visitId: string }> }) {
  const { babyId, visitId } = await params;
  const user = await requireUser(['staff', 'admin']);
  const ctx = await orDenied(visitEditContext(user, babyId, visitId));
  return (
    <Shell user={user} current="/staff/ibu">
      <VisitEditPage ctx={ctx} base="/staff" />
    </Shell>
  );
}
