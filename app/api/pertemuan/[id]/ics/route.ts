/**
 * The .ics file of a session, for anyone who may read it (staff; the village's kaders and
 * mothers). The session only: no names, no phone numbers.
 */
import { getTranslations } from 'next-intl/server';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { groupSessionForCalendar } from '@/lib/data/group-sessions';
import { groupSessionIcs } from '@/lib/group-sessions/ics';
import { lessonsForReader } from '@/lib/data/lessons';
import { publicOrigin } from '@/lib/server/public-url';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response('Unauthorized', { status: 401 });
  const { id } = await params;
  try {
    const s = await groupSessionForCalendar(user, id);
    const t = await getTranslations({ locale: 'id' });
    const topic = s.topic ? t(`sessionTopic.${s.topic}` as never) : (s.topicText ?? '');
    // The lessons it goes through (issue #28), by title and full address: public pages, no personal data.
    const origin = await publicOrigin(user.puskesmasId);
    const lessons = (await lessonsForReader(user, 'id')).filter((l) => s.lessons.includes(l.slug));
    const description = [
      t('sessions.icsDescription', { topic }),
      ...(lessons.length ? ['', t('lessonCards.reminderLessons'), ...lessons.map((l) => `- ${l.title}: ${origin}${l.href}`)] : []),
    ].join('\n');
    const body = groupSessionIcs({ ...s, topicLabel: topic }, { description, calendarName: 'KEKASIHKU' });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="pertemuan-kpasi.ics"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (err) {
    if (err instanceof ForbiddenError) return new Response('Forbidden', { status: 403 });
    if (err instanceof NotFoundError) return new Response('Not found', { status: 404 });
    throw err;
  }
}
