import { Shell } from '@/components/layout/shell';
import { RegisterView } from '@/app/_components/group-session-pages';
import { requireUser } from '@/lib/auth/session';

export default async function RegisterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(['staff', 'admin']);
  return (
    <Shell user={user} current="/staff/pertemuan">
      <RegisterView user={user} id={id} base="/staff/pertemuan" />
    </Shell>
  );
}
