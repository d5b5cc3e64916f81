/**
 * Issue #31, decision 065: on PostgreSQL every query of drizzle with parameters is a named
 * prepared statement of its connection (one round trip instead of two), PostgreSQL still plans
 * each execution with its values (force_custom_plan), long `in (…)` lists are not kept, and a
 * transaction's queries are prepared too. On both databases a repeated query answers each time
 * with its own values, also after a migration changed the table under a kept statement.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, PREPARED_MAX_PARAMETERS, rowsOf, type DbHandle } from '@/db/client';
import { puskesmas } from '@/db/schema';
import { BACKENDS, type TestDb } from './support';

describe.each(BACKENDS)('queries as prepared statements on $name', (backend) => {
  let created: TestDb;
  let handle: DbHandle;
  beforeAll(async () => {
    created = await backend.open();
    await migrateDatabase(created);
    const place = { district: 'Bogor', subdistrict: 'Cibinong', province: 'Jawa Barat', visitWindows: [] };
    await created.db.insert(puskesmas).values([
      { name: 'Puskesmas Satu', code: 'P-SATU', ...place },
      { name: 'Puskesmas Dua', code: 'P-DUA', ...place },
    ]);
    handle = created;
    if (created.url) {
      // A pool of one connection, so that the statements it keeps can be read from
      // pg_prepared_statements (a view of the current connection's).
      const pool = process.env.DATABASE_POOL_SIZE;
      process.env.DATABASE_POOL_SIZE = '1';
      try {
        handle = await openDatabase({ url: created.url });
      } finally {
        if (pool === undefined) delete process.env.DATABASE_POOL_SIZE;
        else process.env.DATABASE_POOL_SIZE = pool;
      }
    }
  });
  afterAll(async () => {
    if (handle && handle !== created) await handle.close();
    await created?.dispose();
  });

  const byCode = (code: string) => handle.db.select({ name: puskesmas.name }).from(puskesmas).where(eq(puskesmas.code, code));
  const kept = async (like: string) =>
    rowsOf<{ statement: string }>(await handle.db.execute(sql`select statement from pg_prepared_statements where statement like ${like}`)).map((r) => r.statement);

  it('a repeated query answers with each execution’s own values', async () => {
    expect(await byCode('P-SATU')).toEqual([{ name: 'Puskesmas Satu' }]);
    expect(await byCode('P-DUA')).toEqual([{ name: 'Puskesmas Dua' }]);
    expect(await byCode('P-TIGA')).toEqual([]);
    expect(await byCode('P-SATU')).toEqual([{ name: 'Puskesmas Satu' }]);
  });

  it('a statement kept before a migration changed its table still answers', async () => {
    expect(await byCode('P-DUA')).toEqual([{ name: 'Puskesmas Dua' }]);
    await handle.db.execute(sql`alter table puskesmas add column prepared_test_note text`);
    try {
      expect(await handle.db.execute(sql`select ${'x'}::text as v`)).toBeTruthy();
      expect(await byCode('P-DUA')).toEqual([{ name: 'Puskesmas Dua' }]);
    } finally {
      await handle.db.execute(sql`alter table puskesmas drop column prepared_test_note`);
    }
    expect(await byCode('P-SATU')).toEqual([{ name: 'Puskesmas Satu' }]);
  });

  if (backend.name === 'postgres') {
    it('is one prepared statement of the connection, planned with its values each time', async () => {
      await byCode('P-SATU');
      await byCode('P-DUA');
      const statements = await kept('%from "puskesmas" where "puskesmas"."code" = $1%');
      expect(statements).toHaveLength(1);
      const [mode] = rowsOf<{ plan_cache_mode: string }>(await handle.db.execute(sql`show plan_cache_mode`));
      expect(mode!.plan_cache_mode).toBe('force_custom_plan');
    });

    it('keeps short in-lists, not long ones (one statement per length would pile up)', async () => {
      const codes = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'P-SATU' : `P-X${i}`));
      const names = (n: number) =>
        handle.db
          .select({ name: puskesmas.name })
          .from(puskesmas)
          .where(inArray(puskesmas.code, codes(n)));
      expect(await names(3)).toEqual([{ name: 'Puskesmas Satu' }]);
      expect(await names(PREPARED_MAX_PARAMETERS + 8)).toEqual([{ name: 'Puskesmas Satu' }]);
      const lists = await kept('%from "puskesmas" where "puskesmas"."code" in (%');
      expect(lists).toHaveLength(1);
      expect(lists[0]).toContain('in ($1, $2, $3)');
    });

    it('prepares the queries of a transaction too', async () => {
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: puskesmas.id }).from(puskesmas).where(eq(puskesmas.name, 'Puskesmas Dua'));
      });
      expect(await kept('%from "puskesmas" where "puskesmas"."name" = $1%')).toHaveLength(1);
    });
  }
});
