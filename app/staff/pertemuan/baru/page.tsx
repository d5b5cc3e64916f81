import { Shell } from '@/components/layout/shell';
import { NewSessionView } from '@/app/_components/session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function NewSessionPage() {
  const user = await requireUser(['staff', 'admin']);
  return (
    <Shell user={user} current="/staff/pertemuan">
      <NewSessionView user={user} />
    </Shell>
  );
}
