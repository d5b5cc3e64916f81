/**
 * `npm run setup -- …`: first-run setup from the shell for scripted installs (issue #18). Calls
 * the same lib/data/setup.ts as /pasang, through its trusted path (no setup code: whoever runs
 * this can reach the database). Run with `tsx --conditions=react-server` so that the data
 * layer's 'server-only' imports load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, getDbHandle } from '@/db/client';
import { log } from '@/lib/server/log';
import { configuredOrigin } from '@/lib/server/forwarded.mjs';
import { formatDate, formatTime } from '@/lib/format';
import { isoToday } from '@/lib/domain/today';
import { setupDistrictFromCli, setupFromCli } from '@/lib/data/setup';
import type { DistrictSetupField } from '@/lib/validation/district';
import type { PuskesmasSetupField } from '@/lib/validation/setup';

const HELP = `KEKASIHKU — first-run setup from the shell (scripted installs)

  npm run setup -- --puskesmas "Puskesmas Bojong Nangka" --kode BJN \\
    --kabupaten "Kabupaten Bogor" --kecamatan "Gunung Putri" --provinsi "Jawa Barat" \\
    --zona WIB --target 50 --admin-nama "Siti Rahmawati" --admin-hp 0811-1234-5678

Creates the puskesmas, its coverage target for this year, its forum categories and its first
admin account, and prints the admin's one-time activation code: she opens /aktivasi, enters
her phone number and the code, and sets her password there (valid 7 days).

Flags (all required except --tambah):
  --puskesmas <nama>     name of the puskesmas
  --kode <KODE>          short code for certificate serials: 2–10 capital letters/digits, unique
  --kabupaten <nama>     kabupaten/kota (district)
  --kecamatan <nama>     kecamatan (sub-district)
  --provinsi <nama>      provinsi (province)
  --zona <WIB|WITA|WIT>  time zone: WIB = Asia/Jakarta, WITA = Asia/Makassar, WIT = Asia/Jayapura
  --target <1–100>       coverage target (percent) of the current year
  --admin-nama <nama>    the first admin's name
  --admin-hp <nomor>     the first admin's phone (0812-3456-7890, 62812… or +62812…): her login
  --tambah               add another puskesmas when the database already holds one (a district
                         install holds several). Without it, the command refuses.
  -h, --help             this text

District office (Dinas Kesehatan, issue #19):

  npm run setup -- --dinkes --kabupaten "Kabupaten Bogor" --provinsi "Jawa Barat" \\
    --nama "dr. Yohana Simanjuntak, M.K.M." --hp 0811-1234-0201

Finds the kabupaten by name (or creates it) and adds a district account (role dinkes) that
sees the aggregates of every puskesmas of that kabupaten, never a mother's data; prints its
one-time activation code, as for the admin. A puskesmas belongs to the kabupaten named at its
setup. Further district accounts are added in the browser at /dinkes/pengguna.
  --dinkes               add a district account instead of a puskesmas
  --kabupaten <nama>     the kabupaten/kota ("Kab. Bogor" is "Kabupaten Bogor")
  --provinsi <nama>      its province (kept as it is when the kabupaten exists)
  --nama <nama>          the account holder's name
  --hp <nomor>           her phone: her login

Database: DATABASE_URL (PostgreSQL) when set, else the embedded database in PGLITE_DIR
(default .data/pglite). The embedded database allows ONE process: stop the server first.
Migrations are applied before anything else. Without a command-line setup, start the server
instead, read "KEKASIHKU setup code: …" in its log and open /pasang in the browser.
`;

const FLAG_OF: Record<PuskesmasSetupField, string> = {
  name: '--puskesmas',
  shortCode: '--kode',
  district: '--kabupaten',
  subdistrict: '--kecamatan',
  province: '--provinsi',
  timeZone: '--zona',
  target: '--target',
  adminName: '--admin-nama',
  adminPhone: '--admin-hp',
};

/** Message keys → the Indonesian texts of messages/id.json. */
function translator(): (key: string) => string {
  const messages = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', 'id.json'), 'utf8')) as Record<string, unknown>;
  return (key) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : key;
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        puskesmas: { type: 'string' },
        kode: { type: 'string' },
        kabupaten: { type: 'string' },
        kecamatan: { type: 'string' },
        provinsi: { type: 'string' },
        zona: { type: 'string' },
        target: { type: 'string' },
        'admin-nama': { type: 'string' },
        'admin-hp': { type: 'string' },
        tambah: { type: 'boolean', default: false },
        dinkes: { type: 'boolean', default: false },
        nama: { type: 'string' },
        hp: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const t = translator();
  // A person reads this answer, not a log collector (issue #29): the JSON lines of the database
  // start ("database ready") stay out of it unless LOG_LEVEL asks for them.
  log.level = process.env.LOG_LEVEL ?? 'warn';
  if (args.dinkes) return district(args, t);
  const input = {
    name: args.puskesmas,
    shortCode: args.kode,
    district: args.kabupaten,
    subdistrict: args.kecamatan,
    province: args.provinsi,
    timeZone: args.zona?.trim().toUpperCase(),
    target: args.target,
    adminName: args['admin-nama'],
    adminPhone: args['admin-hp'],
  };
  // Never the demo data here: this is a real install.
  delete process.env.DEMO_DATA;
  const handle = await getDbHandle();
  try {
    const res = await setupFromCli(input, { add: args.tambah });
    if (!res.ok) {
      for (const [field, key] of Object.entries(res.fieldErrors ?? {})) console.error(`${FLAG_OF[field as PuskesmasSetupField] ?? field}: ${t(key!)}`);
      if (res.formError && res.formError !== 'setup.fixErrors') console.error(t(res.formError));
      console.error(NOTHING_WRITTEN);
      return res.fieldErrors ? 2 : 1;
    }
    console.log(
      [
        `KEKASIHKU: puskesmas ${input.shortCode?.trim().toUpperCase()} sudah dibuat (basis data: ${handle.kind}).`,
        `Kode aktivasi admin: ${res.activationCode}`,
        `  Sekali pakai, berlaku sampai ${untilText(res.expiresAt)}.`,
        `Langkah berikutnya: admin membuka ${activationAddress()} di HP atau komputer, mengisi nomor HP-nya dan kode ini, lalu membuat kata sandi.`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await closeDatabase();
  }
}

const NOTHING_WRITTEN = 'Tidak ada yang disimpan. Lihat: npm run setup -- --help';

/** "14 Desember 2026 pukul 14.50 WIB": when a printed code stops working. */
function untilText(at: Date): string {
  return `${formatDate(isoToday('Asia/Jakarta', at), 'id')} pukul ${formatTime(at, 'Asia/Jakarta', 'id')} WIB`;
}

/** Where the code is used: APP_URL's /aktivasi when set, else the path. */
function activationAddress(): string {
  const origin = configuredOrigin(process.env.APP_URL, process.env.AUTH_URL);
  return origin ? `${origin}/aktivasi` : 'halaman /aktivasi di portal';
}

const DISTRICT_FLAG_OF: Record<DistrictSetupField, string> = { kabupaten: '--kabupaten', province: '--provinsi', name: '--nama', phone: '--hp' };

/** `--dinkes`: the kabupaten (found or created) and a district account with its activation code. */
async function district(args: Record<string, string | boolean | undefined>, t: (key: string) => string): Promise<number> {
  const input = { kabupaten: args.kabupaten, province: args.provinsi, name: args.nama, phone: args.hp };
  delete process.env.DEMO_DATA;
  const handle = await getDbHandle();
  try {
    const res = await setupDistrictFromCli(input);
    if (!res.ok) {
      for (const [field, key] of Object.entries(res.fieldErrors ?? {})) console.error(`${DISTRICT_FLAG_OF[field as DistrictSetupField] ?? field}: ${t(key!)}`);
      if (res.formError) console.error(t(res.formError));
      console.error(NOTHING_WRITTEN);
      return 2;
    }
    console.log(
      [
        `KEKASIHKU: akun Dinas Kesehatan untuk ${res.kabupatenName} sudah dibuat (basis data: ${handle.kind}; kabupaten ${res.kabupatenCreated ? 'baru dibuat' : 'sudah ada'}).`,
        `Kode aktivasi: ${res.activationCode}`,
        `  Sekali pakai, berlaku sampai ${untilText(res.expiresAt)}.`,
        `Langkah berikutnya: pemilik akun membuka ${activationAddress()} di HP atau komputer, mengisi nomor HP-nya dan kode ini, lalu membuat kata sandi.`,
        `Rekan lain di Dinas Kesehatan ditambahkan sesudah itu dari portal, di /dinkes/pengguna.`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
