import { MyKnowledgeCard } from '@/components/knowledge/knowledge-results';
import type { Actor } from '@/lib/auth/policy';
import { myKnowledgeChecks } from '@/lib/data/knowledge';

/** The /ibu card of the knowledge check: fetches her latest check (self-contained, so the home page needs one line). */
export async function IbuKnowledgeCard({ user }: { user: Actor }) {
  const [latest] = await myKnowledgeChecks(user);
  return (
    <div data-testid="ibu-knowledge">
      <MyKnowledgeCard latest={latest ?? null} />
    </div>
  );
}
