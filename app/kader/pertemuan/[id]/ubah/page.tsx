import { Shell } from '@/components/layout/shell';
import { EditGroupSessionView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function EditSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(['kader']);
  return (
    <Shell user={user} current="/kader/pertemuan">
      <EditGroupSessionView user={user} id={id} />
    </Shell>
  );
}
