import { buttonClass } from '@/components/ui/button';

type Labels = { deactivate: string; activate: string; delete: string; deleteConfirm: string; deleteHint: string };

/**
 * "Nonaktifkan" / "Aktifkan kembali" and, for a place nothing refers to yet, "Hapus" behind a
 * confirmation: plain forms (no script); the server answers with ?n= or ?e= on the page.
 */
export function StatusForms({
  action,
  entity,
  id,
  name,
  active,
  canActivate,
  deletable,
  labels,
}: {
  action: (fd: FormData) => Promise<void>;
  entity: 'village' | 'posyandu';
  id: string;
  name: string;
  active: boolean;
  /** A posyandu of an inactive village cannot be reactivated before its village. */
  canActivate: boolean;
  deletable: boolean;
  labels: Labels;
}) {
  const hidden = (
    <>
      <input type="hidden" name="entity" value={entity} />
      <input type="hidden" name="id" value={id} />
    </>
  );
  return (
    <div className="flex flex-wrap items-start gap-2">
      {active || canActivate ? (
        <form action={action}>
          {hidden}
          <button
            type="submit"
            name="op"
            value={active ? 'deactivate' : 'activate'}
            className={buttonClass('secondary')}
            aria-label={`${active ? labels.deactivate : labels.activate}: ${name}`}
          >
            {active ? labels.deactivate : labels.activate}
          </button>
        </form>
      ) : null}
      {deletable ? (
        <details>
          <summary className={buttonClass('ghost', 'cursor-pointer text-danger')} aria-label={`${labels.delete}: ${name}`}>
            {labels.delete}
          </summary>
          <form action={action} className="mt-2 flex max-w-xs flex-col gap-2 rounded-lg border border-danger bg-danger-soft p-3">
            {hidden}
            <p className="text-sm text-ink">{labels.deleteHint}</p>
            <button type="submit" name="op" value="delete" className={buttonClass('danger', 'self-start')} aria-label={`${labels.deleteConfirm}: ${name}`}>
              {labels.deleteConfirm}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
