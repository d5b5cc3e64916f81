'use server';
/**
 * The registry's filter form. Its search term (a name or a phone number) is posted and kept in
 * an HttpOnly cookie of the page, never in the URL; the other filters (places, status, kader,
 * age band) are ids and codes and stay in the URL so that a view can be shared.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { registryFilterSchema } from '@/lib/data/registry';
import { rememberSearch } from '@/lib/search-terms';
import { field } from './form-data';
import { safeAction } from './safe-action';

export async function searchRegistryAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => requireUser(['staff', 'admin']),
      // Every filter falls back to "none" on its own (.catch): the list unfiltered, should it ever fail.
      parse: {
        schema: registryFilterSchema,
        input: Object.fromEntries(['village', 'posyandu', 'status', 'kader', 'age'].map((k) => [k, field(fd, k) || undefined])),
        invalid: '/staff/ibu',
      },
    },
    async (_user, f) => {
      await rememberSearch('registry', '/staff/ibu', field(fd, 'q'));
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && k !== 'q' && k !== 'page') q.set(k, String(v));
      return q.size ? `/staff/ibu?${q}` : '/staff/ibu';
    },
  );
  redirect(to);
}
