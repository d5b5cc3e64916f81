'use client';
/**
 * The small forms of /staff/wilayah: add or edit a village, add or edit a posyandu. The server
 * (lib/data/places.ts) validates with lib/validation/places.ts and answers with message keys;
 * these forms show them on the field and keep what was typed after a refusal.
 */
import { useActionState, useEffect, useRef } from 'react';
import { createPosyanduAction, createVillageAction, updatePosyanduAction, updateVillageAction, type PlaceFormState } from '@/lib/actions/places';
import { Button } from '@/components/ui/button';
import { Field, fieldIds, Input } from '@/components/ui/field';

export type PlaceLimits = { name: number; address: number; rw: number };
type Texts = Record<string, string>;

const selectClass = 'min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink';

function useTx(texts: Texts) {
  return (k?: string) => (k ? (texts[k] ?? texts['places.errors.generic'] ?? k) : undefined);
}

/** Form-level refusal or the success notice, announced to screen readers. */
function Outcome({ state, okText, tx, id }: { state: PlaceFormState; okText: string; tx: (k?: string) => string | undefined; id: string }) {
  if (state.formError)
    return (
      <p role="alert" id={`${id}-form-error`} className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
        {tx(state.formError)}
      </p>
    );
  if (state.ok)
    return (
      <p role="status" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
        {okText}
      </p>
    );
  return null;
}

/** Moves the focus to the first invalid field after a refusal. */
function useFocusFirstError(state: PlaceFormState, form: React.RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    if (!state.fieldErrors) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, form]);
}

function KindSelect({ id, value, invalid, tx }: { id: string; value?: string; invalid: boolean; tx: (k?: string) => string | undefined }) {
  return (
    <select
      id={id}
      name="kind"
      defaultValue={value ?? 'desa'}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? fieldIds(id).error : undefined}
      className={`${selectClass} ${invalid ? 'border-danger' : 'border-line'}`}
    >
      <option value="desa">{tx('places.kindDesa')}</option>
      <option value="kelurahan">{tx('places.kindKelurahan')}</option>
    </select>
  );
}

/** "Tambah desa/kelurahan" or the edit form of one village (with `village`). */
export function VillageForm({
  village,
  texts,
  limits,
  titleId,
}: {
  village?: { id: string; name: string; kind: string };
  texts: Texts;
  limits: PlaceLimits;
  /** The heading that names the form (aria-labelledby). */
  titleId: string;
}) {
  const [state, action, pending] = useActionState<PlaceFormState, FormData>(village ? updateVillageAction : createVillageAction, {});
  const tx = useTx(texts);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const e = state.fieldErrors ?? {};
  const p = village ? `v-${village.id}` : 'new-village';
  const values = state.values ?? (village ? { name: village.name, kind: village.kind } : {});
  return (
    <form ref={form} action={action} aria-labelledby={titleId} className="flex flex-col gap-3" noValidate key={state.done ?? 0}>
      <Outcome state={state} okText={tx(village ? 'places.saved' : 'places.added')!} tx={tx} id={p} />
      {village ? <input type="hidden" name="id" value={village.id} /> : null}
      <Field id={`${p}-name`} label={tx('places.villageName')} hint={village ? undefined : tx('places.villageNameHint')} error={tx(e.name)}>
        <Input
          id={`${p}-name`}
          name="name"
          defaultValue={values.name ?? ''}
          maxLength={limits.name}
          required
          autoComplete="off"
          invalid={Boolean(e.name)}
          hasHint={!village}
        />
      </Field>
      <Field id={`${p}-kind`} label={tx('places.kind')} error={tx(e.kind)}>
        <KindSelect id={`${p}-kind`} value={values.kind} invalid={Boolean(e.kind)} tx={tx} />
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending} className="self-start">
        {tx(village ? 'places.save' : 'places.submitVillage')}
      </Button>
    </form>
  );
}

/** "Tambah posyandu" (with `villages`) or the edit form of one posyandu (with `posyandu`). */
export function PosyanduForm({
  villages,
  posyandu,
  texts,
  limits,
  titleId,
}: {
  villages?: { id: string; name: string }[];
  posyandu?: { id: string; name: string; rw: string | null; address: string | null };
  texts: Texts;
  limits: PlaceLimits;
  titleId: string;
}) {
  const [state, action, pending] = useActionState<PlaceFormState, FormData>(posyandu ? updatePosyanduAction : createPosyanduAction, {});
  const tx = useTx(texts);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const e = state.fieldErrors ?? {};
  const p = posyandu ? `p-${posyandu.id}` : 'new-posyandu';
  const values = state.values ?? (posyandu ? { name: posyandu.name, rw: posyandu.rw ?? '', address: posyandu.address ?? '' } : {});
  const noVillage = !posyandu && (villages ?? []).length === 0;
  return (
    <form ref={form} action={action} aria-labelledby={titleId} className="flex flex-col gap-3" noValidate key={state.done ?? 0}>
      <Outcome state={state} okText={tx(posyandu ? 'places.saved' : 'places.added')!} tx={tx} id={p} />
      {posyandu ? (
        <input type="hidden" name="id" value={posyandu.id} />
      ) : (
        <Field id={`${p}-village`} label={tx('places.village')} hint={noVillage ? tx('places.noActiveVillage') : undefined} error={tx(e.villageId)}>
          <select
            id={`${p}-village`}
            name="villageId"
            defaultValue={values.villageId ?? ''}
            required
            aria-invalid={Boolean(e.villageId) || undefined}
            aria-describedby={[noVillage ? fieldIds(`${p}-village`).hint : '', e.villageId ? fieldIds(`${p}-village`).error : ''].filter(Boolean).join(' ') || undefined}
            className={`${selectClass} ${e.villageId ? 'border-danger' : 'border-line'}`}
          >
            <option value="">{tx('places.chooseVillage')}</option>
            {(villages ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={`${p}-name`} label={tx('places.posyanduName')} hint={posyandu ? undefined : tx('places.posyanduNameHint')} error={tx(e.name)}>
        <Input
          id={`${p}-name`}
          name="name"
          defaultValue={values.name ?? ''}
          maxLength={limits.name}
          required
          autoComplete="off"
          invalid={Boolean(e.name)}
          hasHint={!posyandu}
        />
      </Field>
      <div className={posyandu ? 'flex flex-col gap-3' : 'grid gap-3 sm:grid-cols-[10rem_1fr]'}>
        <Field id={`${p}-rw`} label={tx('places.rw')} hint={tx('places.rwHint')} error={tx(e.rw)}>
          <Input id={`${p}-rw`} name="rw" defaultValue={values.rw ?? ''} inputMode="numeric" maxLength={limits.rw} autoComplete="off" invalid={Boolean(e.rw)} hasHint />
        </Field>
        <Field id={`${p}-address`} label={tx('places.address')} hint={tx('places.addressHint')} error={tx(e.address)}>
          <Input
            id={`${p}-address`}
            name="address"
            defaultValue={values.address ?? ''}
            maxLength={limits.address}
            autoComplete="off"
            invalid={Boolean(e.address)}
            hasHint
          />
        </Field>
      </div>
      {posyandu ? <p className="text-sm text-muted">{tx('places.villageFixed')}</p> : null}
      <Button type="submit" disabled={pending || noVillage} aria-busy={pending} className="self-start">
        {tx(posyandu ? 'places.save' : 'places.submitPosyandu')}
      </Button>
    </form>
  );
}
