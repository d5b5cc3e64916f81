/*
 * The service worker's rules about offline copies, kept apart so that they can be unit-tested
 * (components/offline/sw-rules.test.ts) — docs/decisions/036-offline-kader.md, "How long".
 * Plain JavaScript for importScripts(); attaches KK_OFFLINE to the global object.
 */
(function (root) {
  const DAY_MS = 24 * 60 * 60 * 1000;
  /** A copy is shown offline for at most 7 days after the server last confirmed the sign-in. */
  const MAX_AGE_MS = 7 * DAY_MS;
  /** Phone clocks drift: a time up to 5 minutes ahead still counts. */
  const SKEW_MS = 5 * 60 * 1000;
  const STAMP = 'x-kk-cached-at';

  const validTime = (t, now) => typeof t === 'number' && Number.isFinite(t) && t > 0 && t <= now + SKEW_MS;

  /**
   * Whether a stored copy may still be shown: it was stored less than MAX_AGE_MS ago, and the
   * server confirmed the sign-in (a page loaded online, or GET /api/sesi → 204) less than
   * MAX_AGE_MS ago. A missing or future time counts as expired.
   */
  function isFresh(cachedAt, confirmedAt, now) {
    if (!validTime(cachedAt, now) || !validTime(confirmedAt, now)) return false;
    return now - cachedAt <= MAX_AGE_MS && now - confirmedAt <= MAX_AGE_MS;
  }

  /** The stamp a stored copy carries, or NaN. */
  function cachedAtOf(headers) {
    const v = headers && typeof headers.get === 'function' ? headers.get(STAMP) : null;
    return v && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  }

  /** What the answer of GET /api/sesi means: 'valid', 'ended', or 'unknown' (try again later). */
  function sessionVerdict(status) {
    if (status === 204 || status === 200) return 'valid';
    if (status === 401 || status === 403) return 'ended';
    return 'unknown';
  }

  /**
   * An outbox record once the sign-in has ended (decision 036): kept to be sent after the
   * kader signs in again, but without what a finder of the phone could read at a glance — the
   * mother's and baby's names (label), the link to her record, the server's message. What is
   * left is what the server needs: ids, the answers, the times.
   */
  function lockRecord(rec) {
    const kind = rec.kind === 'visit' ? 'Kunjungan' : 'Kehadiran';
    const day = typeof rec.recordedAt === 'string' ? rec.recordedAt.slice(0, 10) : '';
    return {
      id: rec.id,
      kind: rec.kind,
      payload: rec.payload,
      recordedAt: rec.recordedAt,
      status: 'waiting',
      label: `${kind} tersimpan ${day}`.trim(),
      locked: true,
    };
  }

  /** Lesson pages (issue #28): public, no personal data, kept for the kader without signal. */
  const LESSON_PATH = /^\/materi\/pkm\/[A-Za-z0-9_-]{1,32}(\/[a-z0-9]+(-[a-z0-9]+)*)?$/;
  const MAX_LESSONS = 500;

  /** Is this a lesson page (or the list) the worker may answer from its copies? */
  function isLessonPath(pathname) {
    return typeof pathname === 'string' && pathname.length <= 120 && LESSON_PATH.test(pathname);
  }

  /**
   * The lesson pages to keep, from the answer of GET /api/kader/materi: only well-formed lesson
   * addresses of this site, each once, at most MAX_LESSONS; null when the answer is not a list
   * (then the copies stay as they are).
   */
  function lessonPagesOf(body) {
    if (!body || !Array.isArray(body.pages)) return null;
    const out = [];
    for (const p of body.pages) if (isLessonPath(p) && !out.includes(p) && out.length < MAX_LESSONS) out.push(p);
    return out;
  }

  /** The kept lesson pages no longer listed (hidden or unpublished since): to delete. */
  function staleLessonPaths(cached, listed) {
    return cached.filter((p) => !listed.includes(p));
  }

  root.KK_OFFLINE = { MAX_AGE_MS, STAMP, isFresh, cachedAtOf, sessionVerdict, lockRecord, isLessonPath, lessonPagesOf, staleLessonPaths };
})(typeof self !== 'undefined' ? self : globalThis);
