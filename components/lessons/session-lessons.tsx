/** A group session's lessons on its page (issue #28): each linked to its page, inside the session's facts list. */
export function SessionLessons({ lessons, title }: { lessons: readonly { slug: string; title: string; href: string }[]; title: string }) {
  if (lessons.length === 0) return null;
  return (
    <div data-testid="session-lessons">
      <dt className="mt-1 text-sm font-semibold text-ink">{title}</dt>
      {lessons.map((l) => (
        <dd key={l.slug}>
          <a href={l.href} className="inline-flex min-h-11 items-center text-brand underline">
            {l.title}
          </a>
        </dd>
      ))}
    </div>
  );
}
