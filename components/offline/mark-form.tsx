'use client';
/**
 * One tap in the register on a kader's phone (docs/decisions/036): online it posts the same
 * server action as before; with no network, or when the request fails, a registered mother's
 * marking goes to the outbox with an id made on the phone and the page shows it as waiting.
 * Without JavaScript the form still posts the server action.
 */
import { useEffect, useState, useTransition, type FormEvent } from 'react';
import { cx } from '@/components/ui/cx';
import { deleteRecord, deviceId, listRecords, OUTBOX_EVENT, putRecord } from './store';

type Status = 'present' | 'excused' | 'absent';
const STATUSES: Status[] = ['present', 'excused', 'absent'];
const TONES = { present: 'bg-ok text-white border-ok', excused: 'bg-warn text-white border-warn', absent: 'bg-danger text-white border-danger' } as const;

export function MarkForm({
  action,
  sessionId,
  motherId,
  attendanceId,
  name,
  current,
  disabled,
  labels,
  ariaLabels,
  texts,
}: {
  action: (formData: FormData) => Promise<void>;
  sessionId: string;
  motherId?: string;
  attendanceId?: string;
  name: string;
  current: Status | null;
  disabled?: boolean;
  labels: Record<Status, string>;
  ariaLabels: Record<Status, string>;
  texts: { markedOffline: string; needsNetwork: string };
}) {
  const [waiting, setWaiting] = useState<Status | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // A marking still in the outbox (also after a reload with no signal) shows as waiting.
  useEffect(() => {
    if (!motherId) return;
    const load = () =>
      listRecords().then(
        (all) => {
          const mine = all.filter((r) => r.kind === 'attendance' && r.payload.sessionId === sessionId && r.payload.motherId === motherId);
          const last = mine[mine.length - 1];
          setWaiting(last ? (last.payload.status as Status) : null);
          if (!last) setNote(null);
          else setNote(texts.markedOffline.replace('{status}', labels[last.payload.status as Status]));
        },
        () => undefined,
      );
    void load();
    window.addEventListener(OUTBOX_EVENT, load);
    return () => window.removeEventListener(OUTBOX_EVENT, load);
  }, [sessionId, motherId, labels, texts.markedOffline]);

  const keep = async (status: Status) => {
    // Only the latest tap for her waits: an earlier one not yet sent is replaced.
    for (const r of await listRecords()) {
      if (r.kind === 'attendance' && r.status === 'waiting' && r.payload.sessionId === sessionId && r.payload.motherId === motherId) await deleteRecord(r.id);
    }
    await putRecord({
      id: deviceId(),
      kind: 'attendance',
      payload: { sessionId, motherId, status },
      recordedAt: new Date().toISOString(),
      status: 'waiting',
      label: `${name} · ${labels[status]}`,
    });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const status = submitter?.value as Status;
    if (!STATUSES.includes(status)) return;
    const data = new FormData(e.currentTarget, submitter);
    startTransition(async () => {
      if (navigator.onLine) {
        try {
          await action(data);
          return;
        } catch {
          // no answer: kept on the phone below
        }
      }
      if (!motherId) {
        setNote(texts.needsNetwork);
        return;
      }
      await keep(status);
    });
  };

  const shown = waiting ?? current;
  return (
    <>
      <form action={action} onSubmit={onSubmit} className="mt-2 grid grid-cols-3 gap-2" data-waiting={waiting ?? undefined}>
        <input type="hidden" name="sessionId" value={sessionId} />
        {motherId ? <input type="hidden" name="motherId" value={motherId} /> : null}
        {attendanceId ? <input type="hidden" name="attendanceId" value={attendanceId} /> : null}
        {STATUSES.map((st) => (
          <button
            key={st}
            type="submit"
            name="status"
            value={st}
            disabled={disabled || pending}
            aria-pressed={shown === st}
            aria-label={ariaLabels[st]}
            className={cx(
              'min-h-12 rounded-lg border px-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60',
              shown === st ? TONES[st] : 'border-line bg-surface text-ink hover:bg-canvas',
              waiting === st && 'outline-2 outline-dashed outline-offset-2 outline-warn',
            )}
          >
            {labels[st]}
          </button>
        ))}
      </form>
      {note ? (
        <p role="status" data-testid="mark-waiting" className="mt-1 text-sm font-medium text-warn">
          {note}
        </p>
      ) : null}
    </>
  );
}
