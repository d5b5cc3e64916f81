/** Throw-away PostgreSQL databases of the benchmarks (named kekasihku_bench11_*). */
import postgres from 'postgres';

export function urlFor(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(base: string, name: string): Promise<string> {
  const admin = postgres(urlFor(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return urlFor(base, name);
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  const admin = postgres(urlFor(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
