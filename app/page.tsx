import { redirect } from 'next/navigation';
import { getCurrentUser, homeOf } from '@/lib/auth/session';

export default async function Root() {
  const user = await getCurrentUser();
  redirect(user ? homeOf(user.role) : '/login');
}
