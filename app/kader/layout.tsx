import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/session';

export default async function KaderLayout({ children }: { children: ReactNode }) {
  await requireUser(['kader']);
  return children;
}
