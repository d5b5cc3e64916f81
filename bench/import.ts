/**
 * Import benchmark (issue #19, docs/performance.md "Import"): 5,000 valid rows, as an XLSX made
 * with exceljs, previewed and confirmed by a staff member of the demo puskesmas on DATABASE_URL
 * (PostgreSQL). A fresh database is created, migrated and seeded with the demo data, and dropped
 * afterwards. Goal: preview + confirm under 30 s. Not a test: it prints the times.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { migrateDatabase, openDatabase, rowsOf, setDbForTesting } from '@/db/client';
import { sql } from 'drizzle-orm';
import { DEMO_LOGINS, seedDemo } from '@/db/seed';
import { addDays, isoToday, normalizePhone } from '@/lib/domain';
import { IMPORT_COLUMNS, IMPORT_HEADERS } from '@/lib/domain/import';
import { confirmImport, importContext, previewImport } from '@/lib/data/imports';
import type { Actor } from '@/lib/auth/policy';
import { createDatabase, dropDatabase } from './pg';

const ROWS = Number(process.env.IMPORT_ROWS ?? 5000);
const GOAL_MS = 30_000;

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base || !/^postgres(ql)?:/.test(base)) throw new Error('DATABASE_URL (PostgreSQL) is required');
  const name = `kekasihku_bench_import_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(base, name);
  const handle = await openDatabase({ url });
  try {
    await migrateDatabase(handle);
    const today = isoToday('Asia/Jakarta');
    await seedDemo(handle.db, { today });
    setDbForTesting(handle);
    const phone = normalizePhone(DEMO_LOGINS.find((l) => l.role === 'staff')!.phone)!;
    const [staff] = rowsOf<Actor>(
      await handle.db.execute(
        sql`select id, role, puskesmas_id as "puskesmasId", posyandu_id as "posyanduId", village_id as "villageId", null as "motherId" from users where phone = ${phone}`,
      ),
    );
    const { places } = await importContext(staff!);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c]));
    for (let i = 0; i < ROWS; i++) {
      const place = places[i % places.length]!;
      const cells: Partial<Record<(typeof IMPORT_COLUMNS)[number], string | number>> = {
        motherName: `Ibu Benchmark ${i + 1}`,
        nik: `320101520595${String(i).padStart(4, '0')}`,
        phone: `0858${String(60_000_000 + i)}`,
        village: place.village,
        posyandu: place.posyandu,
        rt: '01',
        rw: '02',
        address: `Jl. Benchmark No. ${i + 1}`,
        babyName: `Bayi ${i + 1}`,
        sex: i % 2 ? 'P' : 'L',
        birthDate: addDays(today, -(5 + (i % 170))),
        birthWeight: 2500 + (i % 1500),
      };
      ws.addRow(IMPORT_COLUMNS.map((c) => cells[c] ?? null));
    }
    const file = new Uint8Array(await wb.xlsx.writeBuffer());
    console.log(`import: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KB XLSX, ${places.length} posyandu, PostgreSQL`);

    const t0 = performance.now();
    const preview = await previewImport(staff!, file);
    const t1 = performance.now();
    if (!preview.ok) throw new Error(`preview refused: ${preview.refusal}`);
    if (preview.counts.new !== ROWS) throw new Error(`expected ${ROWS} new rows, got ${JSON.stringify(preview.counts)}`);
    const res = await confirmImport(staff!, { batchId: preview.batchId, consent: true });
    const t2 = performance.now();
    if (!res.ok) throw new Error(`confirm refused: ${res.formError}`);
    const total = t2 - t0;
    console.log(`preview  ${(t1 - t0).toFixed(0)} ms`);
    console.log(`confirm  ${(t2 - t1).toFixed(0)} ms  (${res.counts.mothers} mothers, ${res.counts.babies} babies, no codes: logins from the baby page)`);
    console.log(`total    ${total.toFixed(0)} ms  (goal < ${GOAL_MS} ms: ${total < GOAL_MS ? 'met' : 'NOT met'})`);
    if (total >= GOAL_MS) process.exitCode = 1;
  } finally {
    await handle.close();
    await dropDatabase(base, name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
