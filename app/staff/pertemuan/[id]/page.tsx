import { Shell } from '@/components/layout/shell';
import { GroupSessionDetailView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function SessionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ disimpan?: string }> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const user = await requireUser(['staff', 'admin']);
  return (
    <Shell user={user} current="/staff/pertemuan">
      <GroupSessionDetailView user={user} id={id} base="/staff/pertemuan" saved={sp.disimpan === '1'} />
    </Shell>
  );
}
