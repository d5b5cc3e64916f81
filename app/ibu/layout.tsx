import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/session';

export default async function IbuLayout({ children }: { children: ReactNode }) {
  await requireUser(['ibu']);
  return children;
}
