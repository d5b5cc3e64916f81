import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/coverage/print-button';
import { Shell } from '@/components/layout/shell';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { mothersWithoutLogin } from '@/lib/data/imports';
import { formatDate, type UiLocale } from '@/lib/format';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('imports');
  return { title: t('loginsTitle') };
}

/**
 * Issue #29: the printable list of a posyandu's mothers who still have no portal login (after an
 * import no codes are shown at once): staff or the kader go through it with each mother and give
 * her login from her baby's page. Staff and admin only; only the posyandu's id is in the address.
 */
export default async function LoginsNeededPage({ params }: { params: Promise<{ posyanduId: string }> }) {
  const user = await requireUser(['staff', 'admin']);
  const { posyanduId } = await params;
  const data = await orDenied(mothersWithoutLogin(user, posyanduId));
  const t = await getTranslations('imports');
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/staff/impor">
      <h1 className="text-2xl font-bold text-ink">{t('loginsTitle')}</h1>
      <p className="mt-1 text-lg text-ink">
        {data.posyandu.village} / {data.posyandu.name} · {data.posyandu.puskesmas}
      </p>
      <p className="mt-2 max-w-3xl text-sm text-muted">{t('loginsHow')}</p>
      <div className="no-print mt-3 flex flex-wrap gap-3">
        <PrintButton label={t('loginsPrintNow')} />
        <a href="/staff/impor" className="inline-flex min-h-11 items-center rounded-lg border border-line bg-surface px-4 font-semibold text-ink">
          {t('loginsBack')}
        </a>
      </div>
      {data.mothers.length === 0 ? (
        <p className="mt-4 text-ink">{t('loginsNone')}</p>
      ) : (
        <div className="mt-4 overflow-x-auto print:overflow-visible">
          <Table caption={t('loginsCaptionOf', { n: data.mothers.length })}>
            <thead>
              <tr>
                <Th numeric>#</Th>
                <Th>{t('motherName')}</Th>
                <Th>{t('loginsPhone')}</Th>
                <Th>{t('loginsAddress')}</Th>
                <Th>{t('loginsBabies')}</Th>
                <Th>{t('loginsDone')}</Th>
              </tr>
            </thead>
            <tbody>
              {data.mothers.map((m, i) => (
                <tr key={m.motherId}>
                  <Td numeric>{i + 1}</Td>
                  <Td>
                    <a href={`/staff/bayi/${m.babies[0]!.id}`} className="font-medium text-brand underline print:text-ink print:no-underline">
                      {m.name}
                    </a>
                  </Td>
                  <Td className="whitespace-nowrap">{m.phone ?? '—'}</Td>
                  <Td>{[m.address, m.rt ? `RT ${m.rt}` : null, m.rw ? `RW ${m.rw}` : null].filter(Boolean).join(', ') || '—'}</Td>
                  <Td>{m.babies.map((b) => `${b.name ? `${b.name}, ` : ''}${formatDate(b.birthDate, locale)}`).join('; ')}</Td>
                  <Td className="min-w-32">&nbsp;</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Shell>
  );
}
