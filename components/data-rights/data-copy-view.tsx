/**
 * Everything the portal holds about a mother and her babies (issue #30 "Data saya"), rendered
 * from the copy lib/data/data-rights.ts dataCopy returns. A server component: no client JS; the
 * page prints cleanly (the shell and forms carry `no-print`).
 */
import type { ReactNode } from 'react';
import type { DataCopy } from '@/lib/data/data-rights';
import { formatDate, type UiLocale } from '@/lib/format';
import { formatPhoneDisplay, maskNik } from '@/lib/domain';

type T = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid-page rounded-xl border border-line bg-surface p-4 print:border-0 print:p-0">
      <h2 id={id} className="text-lg font-bold text-ink">
        {title}
      </h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold text-muted">{k}</dt>
          <dd className="mb-1 break-words text-ink sm:mb-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DataCopyView({ copy, t, locale, showNik = false }: { copy: DataCopy; t: T; locale: UiLocale; showNik?: boolean }) {
  const d = (iso: string | null | undefined) => (iso ? formatDate(iso, locale) : t('dataRights.none'));
  const label = (ns: string, code: string) => (t.has(`${ns}.${code}`) ? t(`${ns}.${code}`) : code);
  const list = (ns: string, codes: readonly string[]) => (codes.length ? codes.map((c) => label(ns, c)).join(', ') : t('dataRights.none'));
  const yesNo = (v: boolean | null | undefined) => (v == null ? t('dataRights.none') : v ? t('dataRights.yes') : t('dataRights.no'));
  const m = copy.mother;
  return (
    <div className="flex flex-col gap-4" data-testid="data-copy">
      <Section id="dr-profile" title={t('dataRights.profile')}>
        <Rows
          rows={[
            [t('dataRights.name'), m.name],
            [t('dataRights.phone'), m.phone ? formatPhoneDisplay(m.phone) : t('dataRights.none')],
            [t('dataRights.nik'), m.nik ? (showNik ? m.nik : maskNik(m.nik)) : t('dataRights.none')],
            [t('dataRights.address'), m.address ?? t('dataRights.none')],
            [t('dataRights.rtRw'), m.rt || m.rw ? `${m.rt ?? '-'}/${m.rw ?? '-'}` : t('dataRights.none')],
            [t('dataRights.village'), m.village],
            [t('dataRights.posyandu'), m.posyandu],
            [t('dataRights.registeredOn'), d(m.registeredOn)],
            [t('dataRights.consent'), t('dataRights.consentText', { date: d(m.consentOn), version: m.consentTextVersion })],
            [t('dataRights.login'), copy.login ? formatPhoneDisplay(copy.login.phone) : t('dataRights.none')],
            [t('dataRights.lastLogin'), d(copy.login?.lastLoginOn)],
          ]}
        />
      </Section>

      {copy.babies.map((b, i) => (
        <Section key={i} id={`dr-baby-${i}`} title={`${t('dataRights.babies')}: ${b.name ?? label('sex', b.sex)}`}>
          <Rows
            rows={[
              [t('dataRights.sex'), label('sex', b.sex)],
              [t('dataRights.birthDate'), d(b.birthDate)],
              [t('dataRights.birthWeight'), b.birthWeightGrams ? t('dataRights.grams', { n: b.birthWeightGrams }) : t('dataRights.none')],
              [t('dataRights.birthPlace'), b.birthPlace ?? t('dataRights.none')],
              [t('dataRights.imd'), yesNo(b.earlyInitiation)],
              [t('dataRights.sixMonthDate'), d(b.sixMonthDate)],
              [t('dataRights.status'), label('status', b.status)],
              ...(b.exit
                ? ([[t('dataRights.exit'), `${d(b.exit.date)} · ${label('motherAdmin.reasons', b.exit.reason ?? '')}${b.exit.note ? ` · ${b.exit.note}` : ''}`]] as [
                    string,
                    ReactNode,
                  ][])
                : []),
              [
                t('dataRights.certificates'),
                b.certificates.length
                  ? b.certificates
                      .map(
                        (c) =>
                          `${t('dataRights.certificateLine', { serial: c.serial, date: d(c.issuedOn) })}${c.revokedOn ? `, ${t('dataRights.certificateRevoked', { date: d(c.revokedOn) })}` : ''}`,
                      )
                      .join('; ')
                  : t('dataRights.none'),
              ],
              [
                t('dataRights.knowledge'),
                b.knowledgeChecks.length
                  ? b.knowledgeChecks.map((k) => t('dataRights.knowledgeLine', { date: d(k.takenOn), score: k.score, total: k.total })).join('; ')
                  : t('dataRights.none'),
              ],
            ]}
          />
          <h3 className="mt-4 font-semibold text-ink">{t('dataRights.visits', { n: b.visits.length })}</h3>
          {b.visits.length === 0 ? <p className="text-sm text-muted">{t('dataRights.noVisits')}</p> : null}
          <ol className="mt-2 flex flex-col gap-3">
            {b.visits.map((v, j) => (
              <li key={j} className="break-inside-avoid rounded-lg bg-canvas p-3 text-sm print:bg-transparent print:p-0" data-testid="data-visit">
                <p className="font-semibold text-ink">{t('dataRights.visitBy', { date: d(v.visitDate), kader: v.kader })}</p>
                <Rows
                  rows={[
                    [t('dataRights.breastfed'), yesNo(v.breastfed)],
                    [t('dataRights.recallItems'), `${list('recallItem', v.recallItems)}${v.recallOtherText ? ` (${v.recallOtherText})` : ''}`],
                    [
                      t('dataRights.sinceLast'),
                      `${yesNo(v.givenSinceLast)}${v.givenSinceLastDate ? ` · ${d(v.givenSinceLastDate)}` : ''}${v.breakReason ? ` · ${label('breakReason', v.breakReason)}` : ''}`,
                    ],
                    ...(v.confirmedExclusive != null ? ([[t('dataRights.confirmed'), yesNo(v.confirmedExclusive)]] as [string, ReactNode][]) : []),
                    [t('dataRights.problems'), list('problem', v.problems)],
                    [t('dataRights.dangerSigns'), list('danger', v.dangerSigns)],
                    [
                      t('dataRights.referral'),
                      v.referral
                        ? `${t('dataRights.yes')}${v.referralReason ? ` · ${v.referralReason}` : ''}${v.referralOutcome ? ` · ${t('dataRights.referralOutcome')}: ${v.referralOutcome}` : ''}`
                        : t('dataRights.no'),
                    ],
                    [t('dataRights.counselling'), list('counsel', v.counselling)],
                    [t('dataRights.weight'), v.weightGrams ? t('dataRights.grams', { n: v.weightGrams }) : t('dataRights.none')],
                    [t('dataRights.notes'), v.notes ?? t('dataRights.none')],
                  ]}
                />
              </li>
            ))}
          </ol>
        </Section>
      ))}

      <Section id="dr-sessions" title={t('dataRights.sessions')}>
        {copy.sessions.length === 0 ? (
          <p className="text-sm text-muted">{t('dataRights.noSessions')}</p>
        ) : (
          <ul className="flex flex-col gap-1 text-sm text-ink">
            {copy.sessions.map((s, i) => (
              <li key={i}>
                {d(s.date)} · {s.title} · {s.place} · {label('sessions.attendance', s.status)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="dr-knowledge" title={t('dataRights.knowledge')}>
        {copy.knowledgeChecks.length === 0 && copy.babies.every((b) => b.knowledgeChecks.length === 0) ? (
          <p className="text-sm text-muted">{t('dataRights.noKnowledge')}</p>
        ) : (
          <ul className="flex flex-col gap-1 text-sm text-ink">
            {[...copy.knowledgeChecks, ...copy.babies.flatMap((b) => b.knowledgeChecks)].map((k, i) => (
              <li key={i}>{t('dataRights.knowledgeLine', { date: d(k.takenOn), score: k.score, total: k.total })}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="dr-forum" title={t('dataRights.forum')}>
        {copy.forum.posts.length + copy.forum.replies.length === 0 ? <p className="text-sm text-muted">{t('dataRights.noForum')}</p> : null}
        {copy.forum.posts.length ? (
          <>
            <h3 className="font-semibold text-ink">{t('dataRights.posts', { n: copy.forum.posts.length })}</h3>
            <ul className="mt-1 flex flex-col gap-2 text-sm text-ink" data-testid="data-posts">
              {copy.forum.posts.map((p, i) => (
                <li key={i} className="break-words">
                  <span className="font-semibold">{p.title}</span> · {d(p.postedOn)}
                  {p.anonymous ? ` · ${t('dataRights.anonymous')}` : ''}
                  <p className="whitespace-pre-line text-muted">{p.body}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {copy.forum.replies.length ? (
          <>
            <h3 className="mt-3 font-semibold text-ink">{t('dataRights.replies', { n: copy.forum.replies.length })}</h3>
            <ul className="mt-1 flex flex-col gap-2 text-sm text-ink">
              {copy.forum.replies.map((r, i) => (
                <li key={i} className="break-words">
                  {d(r.postedOn)}
                  <p className="whitespace-pre-line text-muted">{r.body}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
    </div>
  );
}
