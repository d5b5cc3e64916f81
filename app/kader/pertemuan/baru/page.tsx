import { Shell } from '@/components/layout/shell';
import { NewGroupSessionView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function NewSessionPage() {
  const user = await requireUser(['kader']);
  return (
    <Shell user={user} current="/kader/pertemuan">
      <NewGroupSessionView user={user} />
    </Shell>
  );
}
