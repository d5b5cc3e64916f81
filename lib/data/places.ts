/**
 * Places of a puskesmas (issue #18, /staff/wilayah): its villages (desa/kelurahan) and their
 * posyandu. Staff and admin add, rename and (de)activate them; a place is deleted only while
 * nothing refers to it (a typo just added), else it is deactivated: hidden from and refused for
 * new registrations, transfers and sessions, while its records keep counting in the months they
 * belong to. Every write checks the policy ('places', puskesmas scope), is validated with the
 * form's zod schema and runs in one transaction with its audit row. Another puskesmas's ids are
 * not found.
 */
import 'server-only';
import { isForeignKeyViolation, isUniqueViolation } from '@/db/pg-errors';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { posyandu, villages } from '@/db/schema';
import { assertCanHere, NotFoundError, type Actor } from '@/lib/auth/policy';
import { placeStatusSchema, posyanduSchema, posyanduUpdateSchema, villageSchema, villageUpdateSchema, type PlaceField, type VillageKind } from '@/lib/validation/places';
import { audit } from './audit';

export type PlaceFieldErrors = Partial<Record<PlaceField, string>>;
export type PlaceResult = { ok: true; id: string; changed: boolean } | { ok: false; fieldErrors: PlaceFieldErrors };
export type PlaceStatusResult = { ok: true; id: string; op: 'deactivate' | 'activate' | 'delete' } | { ok: false; fieldErrors: PlaceFieldErrors };

const NAME_TAKEN = 'places.errors.nameTaken';

/** The first message of each field: "validation.*" or this feature's "places.errors.*" keys. */
function fieldErrorsOf(error: z.ZodError): PlaceFieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = /^(validation|places\.errors)\./.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as PlaceFieldErrors;
}

/** Managing places: staff and admin of the puskesmas. A kader's read of her own places is not this. */
function assertManager(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'write', 'places');
}

/** A place id from a form or a URL: anything but a uuid is a place that does not exist. */
function placeId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new NotFoundError('place');
  return parsed.data;
}

/** Records under each posyandu: mothers (with their babies), active kaders (home or assigned), sessions. */
async function posyanduRecords(db: DbOrTx, puskesmasId: string, onlyId?: string) {
  const rows = rowsOf<{ id: string; mothers: number; babies: number; kaders: number; links: number }>(
    await db.execute(sql`
      select p.id,
        (select count(*) from mothers m where m.posyandu_id = p.id)::int as mothers,
        (select count(*) from babies b join mothers m on m.id = b.mother_id where m.posyandu_id = p.id)::int as babies,
        (select count(*) from users u where u.role = 'kader' and u.active
          and (u.posyandu_id = p.id or exists (select 1 from kader_posyandu kp where kp.kader_id = u.id and kp.posyandu_id = p.id)))::int as kaders,
        ((select count(*) from mothers m where m.posyandu_id = p.id)
          + (select count(*) from kader_posyandu kp where kp.posyandu_id = p.id)
          + (select count(*) from users u where u.posyandu_id = p.id)
          + (select count(*) from group_sessions g where g.posyandu_id = p.id)
          + (select count(*) from coverage_baby_months c where c.posyandu_id = p.id))::int as links
      from posyandu p
      where p.puskesmas_id = ${puskesmasId} ${onlyId ? sql`and p.id = ${onlyId}` : sql``}`),
  );
  return new Map(rows.map((r) => [r.id, { mothers: Number(r.mothers), babies: Number(r.babies), kaders: Number(r.kaders), links: Number(r.links) }]));
}

/** Records under each village: its posyandu, mothers, users, sessions and village targets. */
async function villageRecords(db: DbOrTx, puskesmasId: string, onlyId?: string) {
  const rows = rowsOf<{ id: string; links: number; kaders: number }>(
    await db.execute(sql`
      select v.id,
        (select count(*) from users u where u.role = 'kader' and u.active
          and exists (select 1 from posyandu p where p.village_id = v.id
            and (u.posyandu_id = p.id or exists (select 1 from kader_posyandu kp where kp.kader_id = u.id and kp.posyandu_id = p.id))))::int as kaders,
        ((select count(*) from posyandu p where p.village_id = v.id)
          + (select count(*) from mothers m where m.village_id = v.id)
          + (select count(*) from users u where u.village_id = v.id)
          + (select count(*) from group_sessions g where g.village_id = v.id)
          + (select count(*) from coverage_targets t where t.village_id = v.id))::int as links
      from villages v
      where v.puskesmas_id = ${puskesmasId} ${onlyId ? sql`and v.id = ${onlyId}` : sql``}`),
  );
  return new Map(rows.map((r) => [r.id, { links: Number(r.links), kaders: Number(r.kaders) }]));
}

export type PosyanduRow = {
  id: string;
  name: string;
  rw: string | null;
  address: string | null;
  active: boolean;
  mothers: number;
  babies: number;
  kaders: number;
  deletable: boolean;
};
export type VillageRow = {
  id: string;
  name: string;
  kind: VillageKind;
  active: boolean;
  mothers: number;
  babies: number;
  kaders: number;
  deletable: boolean;
  posyandu: PosyanduRow[];
};

/** The management list of /staff/wilayah: every village of the puskesmas with its posyandu and counts. */
export async function listPlaces(actor: Actor) {
  assertManager(actor);
  const db = await getDb();
  const [vs, ps, pCounts, vLinks] = await Promise.all([
    db
      .select({ id: villages.id, name: villages.name, kind: villages.kind, active: villages.active })
      .from(villages)
      .where(eq(villages.puskesmasId, actor.puskesmasId))
      .orderBy(asc(villages.name)),
    db
      .select({ id: posyandu.id, villageId: posyandu.villageId, name: posyandu.name, rw: posyandu.rw, address: posyandu.address, active: posyandu.active })
      .from(posyandu)
      .where(eq(posyandu.puskesmasId, actor.puskesmasId))
      .orderBy(asc(posyandu.name)),
    posyanduRecords(db, actor.puskesmasId),
    villageRecords(db, actor.puskesmasId),
  ]);
  const rows: VillageRow[] = vs.map((v) => {
    const list: PosyanduRow[] = ps
      .filter((p) => p.villageId === v.id)
      .map(({ villageId: _v, ...p }) => {
        const c = pCounts.get(p.id) ?? { mothers: 0, babies: 0, kaders: 0, links: 0 };
        return { ...p, mothers: c.mothers, babies: c.babies, kaders: c.kaders, deletable: c.links === 0 };
      });
    const sum = (k: 'mothers' | 'babies') => list.reduce((a, p) => a + p[k], 0);
    const vr = vLinks.get(v.id) ?? { links: 0, kaders: 0 };
    // A kader working in two posyandu of the village is one kader of the village.
    return { ...v, mothers: sum('mothers'), babies: sum('babies'), kaders: vr.kaders, deletable: vr.links === 0, posyandu: list };
  });
  return {
    villages: rows,
    /** Villages a new posyandu may be added to. */
    activeVillages: rows.filter((v) => v.active).map(({ id, name, kind }) => ({ id, name, kind })),
  };
}

/** Is another village of the puskesmas named so (case and spaces aside)? */
async function villageNameTaken(tx: DbOrTx, puskesmasId: string, name: string, exceptId?: string) {
  const [hit] = await tx
    .select({ id: villages.id })
    .from(villages)
    .where(and(eq(villages.puskesmasId, puskesmasId), sql`lower(${villages.name}) = lower(${name})`, exceptId ? ne(villages.id, exceptId) : undefined))
    .limit(1);
  return Boolean(hit);
}

async function posyanduNameTaken(tx: DbOrTx, villageId: string, name: string, exceptId?: string) {
  const [hit] = await tx
    .select({ id: posyandu.id })
    .from(posyandu)
    .where(and(eq(posyandu.villageId, villageId), sql`lower(${posyandu.name}) = lower(${name})`, exceptId ? ne(posyandu.id, exceptId) : undefined))
    .limit(1);
  return Boolean(hit);
}

/** Runs a write; a unique violation (a name taken meanwhile) becomes the name's field error. */
async function uniqueName<T>(work: () => Promise<T>): Promise<T | { ok: false; fieldErrors: PlaceFieldErrors }> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
    throw err;
  }
}

/** Adds a village (desa/kelurahan) to the actor's puskesmas. */
export async function createVillage(actor: Actor, raw: unknown): Promise<PlaceResult> {
  assertManager(actor);
  const parsed = villageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  return uniqueName(() =>
    db.transaction(async (tx): Promise<PlaceResult> => {
      if (await villageNameTaken(tx, actor.puskesmasId, v.name)) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
      const [row] = await tx.insert(villages).values({ puskesmasId: actor.puskesmasId, name: v.name, kind: v.kind }).returning();
      await audit(tx, actor, 'village.create', 'village', row!.id, null, { name: row!.name, kind: row!.kind, active: row!.active });
      return { ok: true, id: row!.id, changed: true };
    }),
  );
}

/** Renames a village or changes its kind. */
export async function updateVillage(actor: Actor, raw: unknown): Promise<PlaceResult> {
  assertManager(actor);
  const id = placeId(raw);
  const parsed = villageUpdateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  return uniqueName(() =>
    db.transaction(async (tx): Promise<PlaceResult> => {
      const [before] = await tx
        .select({ name: villages.name, kind: villages.kind })
        .from(villages)
        .where(and(eq(villages.id, id), eq(villages.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!before) throw new NotFoundError('village');
      if (before.name === v.name && before.kind === v.kind) return { ok: true, id, changed: false };
      if (await villageNameTaken(tx, actor.puskesmasId, v.name, id)) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
      await tx.update(villages).set({ name: v.name, kind: v.kind }).where(eq(villages.id, id));
      await audit(tx, actor, 'village.update', 'village', id, before, { name: v.name, kind: v.kind });
      return { ok: true, id, changed: true };
    }),
  );
}

/** Adds a posyandu to an active village of the actor's puskesmas. */
export async function createPosyandu(actor: Actor, raw: unknown): Promise<PlaceResult> {
  assertManager(actor);
  const parsed = posyanduSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  return uniqueName(() =>
    db.transaction(async (tx): Promise<PlaceResult> => {
      // The village row is locked: it cannot be deactivated or deleted under the new posyandu.
      const [village] = await tx
        .select({ id: villages.id, active: villages.active })
        .from(villages)
        .where(and(eq(villages.id, v.villageId), eq(villages.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!village) throw new NotFoundError('village');
      if (!village.active) return { ok: false, fieldErrors: { villageId: 'places.errors.villageInactive' } };
      if (await posyanduNameTaken(tx, village.id, v.name)) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
      const [row] = await tx.insert(posyandu).values({ puskesmasId: actor.puskesmasId, villageId: village.id, name: v.name, rw: v.rw, address: v.address }).returning();
      await audit(tx, actor, 'posyandu.create', 'posyandu', row!.id, null, {
        villageId: row!.villageId,
        name: row!.name,
        rw: row!.rw,
        address: row!.address,
        active: row!.active,
      });
      return { ok: true, id: row!.id, changed: true };
    }),
  );
}

/** Changes a posyandu's name, RW and address. Its village stays: moving it would re-home its history. */
export async function updatePosyandu(actor: Actor, raw: unknown): Promise<PlaceResult> {
  assertManager(actor);
  const id = placeId(raw);
  const parsed = posyanduUpdateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  return uniqueName(() =>
    db.transaction(async (tx): Promise<PlaceResult> => {
      const [row] = await tx
        .select({ villageId: posyandu.villageId, name: posyandu.name, rw: posyandu.rw, address: posyandu.address })
        .from(posyandu)
        .where(and(eq(posyandu.id, id), eq(posyandu.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!row) throw new NotFoundError('posyandu');
      const { villageId, ...before } = row;
      const after = { name: v.name, rw: v.rw, address: v.address };
      if (before.name === after.name && before.rw === after.rw && before.address === after.address) return { ok: true, id, changed: false };
      if (await posyanduNameTaken(tx, villageId, v.name, id)) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
      await tx.update(posyandu).set(after).where(eq(posyandu.id, id));
      await audit(tx, actor, 'posyandu.update', 'posyandu', id, before, after);
      return { ok: true, id, changed: true };
    }),
  );
}

/**
 * Deactivates, reactivates or deletes a village or a posyandu. Deleting is for a place nothing
 * refers to yet; one with records is refused ("op" field error) and must be deactivated instead.
 * A posyandu is reactivated only while its village is active.
 */
export async function setPlaceStatus(actor: Actor, raw: unknown): Promise<PlaceStatusResult> {
  assertManager(actor);
  const id = placeId(raw);
  const parsed = placeStatusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { entity, op } = parsed.data;
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<PlaceStatusResult> => {
      if (entity === 'village') {
        const [before] = await tx
          .select({ name: villages.name, kind: villages.kind, active: villages.active })
          .from(villages)
          .where(and(eq(villages.id, id), eq(villages.puskesmasId, actor.puskesmasId)))
          .for('update');
        if (!before) throw new NotFoundError('village');
        if (op === 'delete') {
          if ((await villageRecords(tx, actor.puskesmasId, id)).get(id)?.links) return { ok: false, fieldErrors: { op: 'places.errors.hasRecordsVillage' } };
          await tx.delete(villages).where(eq(villages.id, id));
          await audit(tx, actor, 'village.delete', 'village', id, before, null);
          return { ok: true, id, op };
        }
        const active = op === 'activate';
        if (before.active !== active) {
          await tx.update(villages).set({ active }).where(eq(villages.id, id));
          await audit(tx, actor, `village.${op}`, 'village', id, { active: before.active }, { active });
        }
        return { ok: true, id, op };
      }
      const [row] = await tx
        .select({
          villageId: posyandu.villageId,
          name: posyandu.name,
          rw: posyandu.rw,
          address: posyandu.address,
          active: posyandu.active,
          villageActive: villages.active,
        })
        .from(posyandu)
        .innerJoin(villages, eq(villages.id, posyandu.villageId))
        .where(and(eq(posyandu.id, id), eq(posyandu.puskesmasId, actor.puskesmasId)))
        .for('update', { of: posyandu });
      if (!row) throw new NotFoundError('posyandu');
      const { villageActive, ...before } = row;
      if (op === 'delete') {
        if ((await posyanduRecords(tx, actor.puskesmasId, id)).get(id)?.links) return { ok: false, fieldErrors: { op: 'places.errors.hasRecordsPosyandu' } };
        await tx.delete(posyandu).where(eq(posyandu.id, id));
        await audit(tx, actor, 'posyandu.delete', 'posyandu', id, before, null);
        return { ok: true, id, op };
      }
      const active = op === 'activate';
      if (active && !villageActive) return { ok: false, fieldErrors: { op: 'places.errors.villageInactive' } };
      if (before.active !== active) {
        await tx.update(posyandu).set({ active }).where(eq(posyandu.id, id));
        await audit(tx, actor, `posyandu.${op}`, 'posyandu', id, { active: before.active }, { active });
      }
      return { ok: true, id, op };
    });
  } catch (err) {
    // A record added under the place while it was being deleted: the foreign key refuses.
    if (op === 'delete' && isForeignKeyViolation(err)) {
      return { ok: false, fieldErrors: { op: entity === 'village' ? 'places.errors.hasRecordsVillage' : 'places.errors.hasRecordsPosyandu' } };
    }
    throw err;
  }
}
