/**
 * The session pages, shared by staff (/staff/pertemuan) and kaders (/kader/pertemuan): the
 * routes only pick the base path. Route bodies, so they live under app/ (decision 056) and
 * fetch; every read goes through lib/data/group-sessions (policy + village).
 */
import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { closeRegisterAction, inviteAction, markAttendanceAction, remindAction } from '@/lib/actions/group-sessions';
import type { CurrentUser } from '@/lib/auth/session';
import { orDenied } from '@/lib/auth/session';
import { publishCategories, groupSessionDetail, groupSessionForEdit, groupSessionFormContext } from '@/lib/data/group-sessions';
import { groupSessionReminderText, whatsappLink, zoneLabel } from '@/lib/domain';
import { formatDateTime, type UiLocale } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CancelForm, FindMother, PublishForm, GroupSessionForm, SummaryForm, WalkInForm } from '@/components/group-sessions/forms';
import { groupSessionTexts, topicOptions } from '@/components/group-sessions/texts';
import { MarkButtons, STATUS_TONE, topicLabel, whenText } from '@/components/group-sessions/views';
import { OfflineMarkButtons } from '@/components/offline/mark-buttons';
import { SessionLessons } from '@/components/lessons/session-lessons';
import { lessonsForReader } from '@/lib/data/lessons';
import { publicOrigin } from '@/lib/server/public-url';

export async function NewGroupSessionView({ user }: { user: CurrentUser }) {
  const ctx = await orDenied(groupSessionFormContext(user));
  const t = await getTranslations();
  const texts = await groupSessionTexts();
  const lessons = (await lessonsForReader(user, (await getLocale()) as UiLocale)).map((l) => ({ slug: l.slug, title: l.title }));
  const initial = { topic: 'ten_steps', date: ctx.today, startTime: '09:00', endTime: '11:00', villageId: user.villageId ?? ctx.villages[0]?.id ?? '', capacity: '10' };
  return (
    <>
      <h1 className="text-2xl font-bold text-ink">{t('sessions.newTitle')}</h1>
      <div className="mt-4 max-w-2xl">
        <GroupSessionForm id={randomUUID()} initial={initial} villages={ctx.villages} topics={await topicOptions()} texts={texts} lessons={lessons} />
      </div>
    </>
  );
}

export async function EditGroupSessionView({ user, id }: { user: CurrentUser; id: string }) {
  const s = await orDenied(groupSessionForEdit(user, id));
  // Its own village/posyandu stay choosable even when deactivated since (issue #18).
  const ctx = await orDenied(groupSessionFormContext(user, { villageId: s.values.villageId, posyanduId: s.values.posyanduId || null }));
  const t = await getTranslations();
  // The visible lessons, and any it holds that were hidden since (by slug), so an edit keeps them.
  const visible = (await lessonsForReader(user, (await getLocale()) as UiLocale)).map((l) => ({ slug: l.slug, title: l.title }));
  const kept = s.values.lessons.split(',').filter((slug) => slug && !visible.some((l) => l.slug === slug));
  const lessons = [...visible, ...kept.map((slug) => ({ slug, title: slug }))];
  return (
    <>
      <h1 className="text-2xl font-bold text-ink">{t('sessions.editTitle')}</h1>
      <div className="mt-4 max-w-2xl">
        <GroupSessionForm
          id={s.id}
          editId={s.id}
          initial={s.values}
          villages={ctx.villages}
          topics={await topicOptions()}
          texts={await groupSessionTexts()}
          lessons={lessons}
        />
      </div>
    </>
  );
}

export async function GroupSessionDetailView({ user, id, base, saved }: { user: CurrentUser; id: string; base: string; saved?: boolean }) {
  const d = await orDenied(groupSessionDetail(user, id));
  const t = await getTranslations();
  const tId = await getTranslations({ locale: 'id' });
  const locale = (await getLocale()) as UiLocale;
  const texts = await groupSessionTexts();
  const topic = topicLabel(t, d);
  const categories = d.mayPublish && d.summary && !d.publishedPostId ? await publishCategories(user) : [];
  // Its lessons (issue #28): linked here, and by full address in the reminder (always Indonesian).
  const [lessonsShown, lessonsId, origin] = await Promise.all([lessonsForReader(user, locale), lessonsForReader(user, 'id'), publicOrigin(user.puskesmasId)]);
  const sessionLessons = lessonsShown.filter((l) => d.lessons.includes(l.slug));
  const reminderLessons = lessonsId.filter((l) => d.lessons.includes(l.slug)).map((l) => ({ title: l.title, url: `${origin}${l.href}` }));
  return (
    <div className="flex flex-col gap-4">
      <div>
        <p className="text-sm">
          <Link href={base} className="text-brand underline-offset-4 hover:underline">
            ← {t('sessions.title')}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-ink">{d.title}</h1>
        {saved ? (
          <p role="status" className="mt-1 text-sm font-medium text-ok">
            {t('sessions.saved')}
          </p>
        ) : null}
        <p className="mt-2" data-testid="session-status">
          <Badge tone={STATUS_TONE[d.status]}>{t(`sessions.status.${d.status}`)}</Badge>
        </p>
      </div>
      <Card>
        <dl className="grid gap-1 text-ink" data-testid="session-facts">
          <div>
            <dd className="font-semibold">{whenText(t, d, d.timeZone, locale)}</dd>
          </div>
          <div>
            <dd>{t('sessions.at', { place: d.place })}</dd>
          </div>
          <div>
            <dd>
              {t('sessions.village', { village: d.villageName })}
              {d.posyanduName ? ` · ${d.posyanduName}` : ''}
            </dd>
          </div>
          <div>
            <dd>{t('sessions.topic', { topic })}</dd>
          </div>
          <SessionLessons lessons={sessionLessons} title={t('lessonCards.sessionLessons')} />
          {d.facilitators ? (
            <div>
              <dd>{t('sessions.facilitators', { names: d.facilitators })}</dd>
            </div>
          ) : null}
          <div>
            <dd className="text-muted">{t('sessions.capacityLine', { capacity: d.capacity })}</dd>
          </div>
        </dl>
        {d.status === 'cancelled' && d.cancelReason ? <p className="mt-2 text-danger">{t('sessions.cancelReason', { reason: d.cancelReason })}</p> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          <a href={`/api/pertemuan/${d.id}/ics`} className={buttonClass('secondary')} download>
            {t('sessions.ics')}
          </a>
          {d.mayWrite && d.status !== 'cancelled' ? (
            <Link href={`${base}/${d.id}/hadir`} className={buttonClass('primary')}>
              {t('sessions.register')}
            </Link>
          ) : null}
          {d.mayWrite && d.status === 'scheduled' ? (
            <Link href={`${base}/${d.id}/ubah`} className={buttonClass('secondary')}>
              {t('sessions.edit')}
            </Link>
          ) : null}
        </div>
      </Card>

      <Card title={t('sessions.invitedTitle', { count: d.counts.invited })}>
        <p className="text-sm text-muted">{t('sessions.invitedHint')}</p>
        <p className="mt-1 text-sm text-ink">{t('sessions.counts', { invited: d.counts.invited, yes: d.counts.rsvpYes })}</p>
        {d.counts.invitedOverCapacity ? (
          <p className="mt-2 rounded-lg bg-warn-soft p-2 text-sm text-ink" role="note">
            {t('sessions.overCapacity', { count: d.counts.invited, capacity: d.capacity })}
          </p>
        ) : null}
        {d.mothers.filter((m) => m.invited).length === 0 ? (
          <p className="mt-2 text-muted">{t('sessions.noInvited')}</p>
        ) : (
          <ul className="mt-3 flex flex-col gap-2" data-testid="invited">
            {d.mothers
              .filter((m) => m.invited)
              .map((m) => {
                const wa =
                  m.phone && d.mayWrite
                    ? whatsappLink(
                        m.phone,
                        groupSessionReminderText({
                          motherName: m.name,
                          title: d.title,
                          topicLabel: d.topic ? tId(`sessionTopic.${d.topic}` as never) : (d.topicText ?? ''),
                          startsAt: d.startsAt,
                          endsAt: d.endsAt,
                          place: d.place,
                          timeZone: d.timeZone,
                          zoneLabel: zoneLabel(d.timeZone),
                          kaderName: user.name,
                          lessons: reminderLessons,
                        }),
                      )
                    : null;
                return (
                  <li key={m.motherId} className="rounded-lg border border-line p-3" data-rsvp={m.rsvp ?? 'none'}>
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <span>
                        <span className="font-semibold text-ink">{m.name}</span>
                        <span className="block text-sm text-muted">{m.posyanduName}</span>
                      </span>
                      <span className="flex flex-wrap gap-1">
                        <Badge tone={m.rsvp === 'yes' ? 'ok' : m.rsvp === 'no' ? 'warn' : 'neutral'}>{t(`sessions.rsvp.${m.rsvp ?? 'none'}`)}</Badge>
                        <Badge tone={m.remindedAt ? 'ok' : 'neutral'}>{m.remindedAt ? t('sessions.reminded') : t('sessions.notReminded')}</Badge>
                      </span>
                    </div>
                    {d.mayWrite && d.status === 'scheduled' ? (
                      <div className="mt-2 flex flex-wrap gap-2">
                        {wa ? (
                          <a
                            href={wa}
                            target="_blank"
                            rel="noopener noreferrer"
                            className={buttonClass('secondary')}
                            aria-label={t('sessions.sendWaFor', { name: m.name })}
                          >
                            {t('sessions.sendWa')}
                          </a>
                        ) : (
                          <span className="text-sm text-muted">{t('sessions.noPhone')}</span>
                        )}
                        <form action={remindAction}>
                          <input type="hidden" name="sessionId" value={d.id} />
                          <input type="hidden" name="motherId" value={m.motherId} />
                          <Button type="submit" variant="ghost" aria-label={t('sessions.markRemindedFor', { name: m.name })}>
                            {t('sessions.markReminded')}
                          </Button>
                        </form>
                      </div>
                    ) : null}
                  </li>
                );
              })}
          </ul>
        )}
        {d.mayWrite && d.status === 'scheduled' ? (
          <details className="mt-3">
            <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand">{t('sessions.addInvitee')}</summary>
            <FindMother sessionId={d.id} act={inviteAction} actLabel={t('sessions.invite')} actLabelFor={texts.inviteFor!} texts={texts} />
          </details>
        ) : null}
      </Card>

      {d.status !== 'cancelled' ? (
        <Card title={t('sessions.summaryTitle')}>
          {d.mayWrite ? (
            <SummaryForm sessionId={d.id} summary={d.summary ?? ''} texts={texts} />
          ) : (
            <p className="whitespace-pre-line text-ink">{d.summary ?? t('sessions.noSummary')}</p>
          )}
          {d.publishedPostId ? (
            <p className="mt-3 text-sm text-ok">
              {t('sessions.published')}{' '}
              <Link className="text-brand underline" href={`/forum/t/${d.publishedPostId}`}>
                {t('sessions.openPost')}
              </Link>
            </p>
          ) : categories.length > 0 ? (
            <div className="mt-4 border-t border-line pt-3">
              <h3 className="font-semibold text-ink">{t('sessions.publishTitle')}</h3>
              <PublishForm sessionId={d.id} categories={categories} texts={texts} />
            </div>
          ) : null}
        </Card>
      ) : null}

      {d.mayWrite && d.status === 'scheduled' ? (
        <Card title={t('sessions.cancel')}>
          <CancelForm sessionId={d.id} texts={texts} />
        </Card>
      ) : null}
    </div>
  );
}

/** The register on a phone: one tap per person, walk-ins, closing. */
export async function RegisterView({ user, id, base }: { user: CurrentUser; id: string; base: string }) {
  const d = await orDenied(groupSessionDetail(user, id));
  if (!d.mayWrite) {
    const { forbidden } = await import('next/navigation');
    forbidden();
  }
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await groupSessionTexts();
  const open = d.registerOpen;
  // A kader's phone: the taps can wait in the outbox (docs/decisions/036).
  const offline = base.startsWith('/kader');
  return (
    <div className="flex flex-col gap-4">
      <div>
        <p className="text-sm">
          <Link href={`${base}/${d.id}`} className="text-brand underline-offset-4 hover:underline">
            ← {d.title}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-ink">{t('sessions.registerTitle', { title: d.title })}</h1>
        <p className="text-sm text-muted">{whenText(t, d, d.timeZone, locale)}</p>
        <p className="mt-2 text-ink" data-testid="register-count">
          {t('sessions.attendanceCounts', {
            present: d.counts.presentMothers,
            recorded: d.mothers.filter((m) => m.status).length,
            others: d.others.filter((o) => o.status === 'present').length,
          })}
        </p>
        {d.counts.overCapacity ? (
          <p className="mt-2 rounded-lg bg-warn-soft p-2 text-sm text-ink" role="note">
            {t('sessions.overCapacity', { count: d.counts.present, capacity: d.capacity })}
          </p>
        ) : null}
        {d.status === 'closed' ? (
          <p className="mt-2 rounded-lg bg-ok-soft p-2 text-ink" data-testid="register-closed">
            {t('sessions.registerClosed')}
          </p>
        ) : !open ? (
          <p className="mt-2 rounded-lg bg-info-soft p-2 text-ink">{t('sessions.registerNotOpen')}</p>
        ) : null}
      </div>
      <ul className="flex flex-col gap-2" data-testid="register">
        {d.mothers.map((m) => (
          <li key={m.motherId} className="rounded-xl border border-line bg-surface p-3" data-testid="register-row" data-status={m.status ?? 'none'}>
            <p className="font-semibold text-ink">{m.name}</p>
            <p className="text-sm text-muted">
              {m.invited ? t(`sessions.rsvp.${m.rsvp ?? 'none'}`) : t('sessions.notInvited')}
              {' · '}
              {t(`sessions.attendance.${m.status ?? 'none'}`)}
            </p>
            {offline ? (
              <OfflineMarkButtons sessionId={d.id} name={m.name} current={m.status} motherId={m.motherId} disabled={!open} />
            ) : (
              <MarkButtons sessionId={d.id} name={m.name} current={m.status} motherId={m.motherId} disabled={!open} />
            )}
          </li>
        ))}
      </ul>
      {d.others.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold text-ink">{t('sessions.othersTitle')}</h2>
          <ul className="mt-2 flex flex-col gap-2" data-testid="register-others">
            {d.others.map((o) => (
              <li key={o.id} className="rounded-xl border border-line bg-surface p-3" data-testid="register-row" data-status={o.status}>
                <p className="font-semibold text-ink">{o.name}</p>
                <p className="text-sm text-muted">{t(`sessions.role.${o.role}`)}</p>
                {offline ? (
                  <OfflineMarkButtons sessionId={d.id} name={o.name} current={o.status} attendanceId={o.id} disabled={!open} />
                ) : (
                  <MarkButtons sessionId={d.id} name={o.name} current={o.status} attendanceId={o.id} disabled={!open} />
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {open ? (
        <>
          <Card title={t('sessions.walkInTitle')}>
            <h3 className="font-semibold text-ink">{t('sessions.walkInMother')}</h3>
            <FindMother
              sessionId={d.id}
              act={markAttendanceAction}
              actLabel={t('sessions.walkInAdd')}
              actLabelFor={texts.markPresentFor!}
              hidden={{ status: 'present' }}
              texts={texts}
            />
            <h3 className="mt-4 font-semibold text-ink">{t('sessions.walkInOther')}</h3>
            <WalkInForm sessionId={d.id} newId={randomUUID()} texts={texts} />
          </Card>
          <form action={closeRegisterAction} className="flex flex-col gap-2">
            <input type="hidden" name="sessionId" value={d.id} />
            <p className="text-sm text-muted">{t('sessions.closeHint')}</p>
            <Button type="submit" variant="secondary" className="w-full">
              {t('sessions.close')}
            </Button>
          </form>
        </>
      ) : null}
      {d.closedAt ? <p className="text-sm text-muted">{formatDateTime(d.closedAt, d.timeZone, locale)}</p> : null}
    </div>
  );
}
