import { Shell } from '@/components/layout/shell';
import { VisitEditPage } from '@/app/_components/visit-edit-page';
import { orDenied, requireUser } from '@/lib/auth/session';
import { visitEditContext } from '@/lib/data/visits';

/** The kader changes a visit she recorded, within 7 days (403 after; 404 outside her scope). */
export default async function KaderVisitEdit({ params }: { params: Promise<{ babyId: string; visitId: string }> }) {
  const { babyId, visitId } = await params;
  const user = await requireUser(['kader']);
  const ctx = await orDenied(visitEditContext(user, babyId, visitId));
  return (
    <Shell user={user} current="/kader">
      <VisitEditPage ctx={ctx} base="/kader" />
    </Shell>
  );
}
