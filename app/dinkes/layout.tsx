import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/session';

/** The district office's pages (issue #19): role dinkes only; every page checks again. */
export default async function DistrictLayout({ children }: { children: ReactNode }) {
  await requireUser(['dinkes']);
  return children;
}
