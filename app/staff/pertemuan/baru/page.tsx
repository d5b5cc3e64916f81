import { Shell } from '@/components/layout/shell';
import { NewGroupSessionView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function NewSessionPage() {
  const user = await requireUser(['staff', 'admin']);
  return (
    <Shell user={user} current="/staff/pertemuan">
      <NewGroupSessionView user={user} />
    </Shell>
  );
}
