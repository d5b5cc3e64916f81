import { getLocale } from 'next-intl/server';
import { STATUS_TONE } from '@/components/status-badge';
import type { Tone } from '@/components/ui/badge';
import type { KaderListItem } from '@/lib/data/overview';
import { formatDateShort, type UiLocale } from '@/lib/format';
import { memoTranslator, type Tr } from '@/lib/i18n/memo';

/** A badge of components/ui/badge.tsx in the short classes of app/globals.css (.kl-*). */
export function ListBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`kl-badge kl-${tone}`}>{children}</span>;
}

/** The status badge of lib/domain journeyStatus, for lists (components/status-badge.tsx is async). */
export function ListStatusBadge({ status, tr }: { status: KaderListItem['status']; tr: Tr }) {
  return <ListBadge tone={STATUS_TONE[status]}>{tr(`status.${status}`)}</ListBadge>;
}

/**
 * The kader's babies (home page and /kader/ibu): mother's name linked to the baby's page, the
 * baby, age, status, last visit and, once issued, the certificate. Server-rendered; the links are
 * plain anchors, not next/link: a list of many, where each Link would be a client component
 * rendered and serialised twice (HTML and RSC payload) and prefetching would cost a slow network
 * (issue #11, server time). The page opened is a full load, as the service worker keeps it.
 */
export async function KaderBabyList({ items, certs }: { items: KaderListItem[]; certs: Map<string, { id: string; serial: string }> }) {
  const tr = await memoTranslator();
  const locale = (await getLocale()) as UiLocale;
  return (
    <ul className="mt-3 flex flex-col gap-2" data-testid="kader-mothers">
      {items.map((m) => {
        const cert = certs.get(m.babyId);
        return (
          <li key={m.babyId} className="kl-item">
            <div className="kl-head">
              <a href={`/kader/bayi/${m.babyId}`} data-testid="mother-name" className="kl-name inline-flex min-h-11 items-center">
                {m.motherName}
              </a>
              <ListStatusBadge status={m.status} tr={tr} />
            </div>
            <p className="kl-meta mt-1">{`${m.babyName ?? tr('ibu.unnamed', { sex: tr(`sex.${m.sex}`) })} · ${tr('common.days', { count: m.ageDays })}`}</p>
            <p className="kl-meta">{`${tr('kader.lastVisit')}: ${m.lastVisit ? formatDateShort(m.lastVisit, locale) : tr('kader.noVisit')}`}</p>
            {cert ? (
              <a href={`/api/sertifikat/${cert.id}/pdf`} className="kl-act" aria-label={tr('certificates.downloadFor', { serial: cert.serial })}>
                {tr('certificates.download')}
              </a>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
