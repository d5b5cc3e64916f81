import { Shell } from '@/components/layout/shell';
import { GroupSessionDetailView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function SessionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ disimpan?: string }> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const user = await requireUser(['kader']);
  return (
    <Shell user={user} current="/kader/pertemuan">
      <GroupSessionDetailView user={user} id={id} base="/kader/pertemuan" saved={sp.disimpan === '1'} />
    </Shell>
  );
}
