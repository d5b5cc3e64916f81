import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/session';

/** Every staff page checks the role itself too; this answers 403 for the whole section. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  await requireUser(['staff', 'admin']);
  return children;
}
