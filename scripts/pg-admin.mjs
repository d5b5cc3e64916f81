// Small helpers to make and drop throw-away databases on the server of a DATABASE_URL.
import postgres from 'postgres';

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(url, name) {
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return withDatabase(url, name);
}

/** Drops databases with this prefix that nobody is connected to (left by earlier runs). */
export async function dropStaleDatabases(url, prefix) {
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`
      select datname from pg_database d
      where datname like ${prefix + '%'}
        and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function dropDatabase(url, name) {
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
