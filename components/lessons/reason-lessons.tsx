import { lessonsForBreakReason, type LessonMeta } from '@/lib/domain/lessons';
import { BREAK_REASONS, type BreakReason } from '@/lib/domain/recall';

type Lesson = LessonMeta & { title: string; href: string };

/**
 * Under the dashboard's reasons for stopping (issue #28): for each reason, the lesson that answers
 * it (lib/domain lessonsForBreakReason, its first), so staff can send it or use it in a session.
 */
export function ReasonLessons({
  lessons,
  reasons,
  label,
}: {
  lessons: readonly Lesson[];
  reasons: readonly { key: string; label: string }[];
  label: (title: string) => string;
}) {
  const rows = reasons.flatMap((r) => {
    if (!(BREAK_REASONS as readonly string[]).includes(r.key)) return [];
    const first = lessonsForBreakReason(lessons, r.key as BreakReason)[0];
    return first ? [{ reason: r, lesson: first }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <ul className="mt-4 grid gap-1 text-sm sm:grid-cols-2" data-testid="reason-lessons">
      {rows.map(({ reason, lesson }) => (
        <li key={reason.key} data-reason={reason.key}>
          <span className="text-muted">{reason.label}: </span>
          <a href={lesson.href} className="inline-flex min-h-11 items-center text-brand underline">
            {label(lesson.title)}
          </a>
        </li>
      ))}
    </ul>
  );
}
