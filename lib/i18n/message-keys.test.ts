/**
 * Every message key the code uses exists in both messages/id.json and messages/en.json, and the
 * two files hold the same keys (issue #22 item 6: a missing `validation.tooShort` logged errors).
 * A static scan of app/, components/ and lib/:
 * - `t('key')` calls where `t` comes from useTranslations / getTranslations (with or without a
 *   namespace, which is prefixed);
 * - every string literal that has the shape of a key of a known top-level namespace
 *   ('validation.tooShort', 'login.slowed' …): zod messages, notice tables, error codes.
 * Keys built at run time (`'settings.errors.' + code`) cannot be seen here; their parts are.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const id = JSON.parse(readFileSync(join(root, 'messages/id.json'), 'utf8')) as Record<string, unknown>;
const en = JSON.parse(readFileSync(join(root, 'messages/en.json'), 'utf8')) as Record<string, unknown>;

function flatten(obj: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, obj);
  return out;
}
const idKeys = flatten(id);
const enKeys = flatten(en);
/** A key or a namespace (an object) exists. */
const has = (tree: Record<string, unknown>, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree) !== undefined;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const NAMESPACES = new Set(Object.keys(id));
const FILE_EXT = /\.(ts|tsx|js|mjs|json|md|css|pdf|png|svg|xlsx|csv|ics|html|id|com|org|test|local|example)$/;

function usedKeys(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (key: string, where: string) => used.set(key, [...(used.get(key) ?? []), where]);
  for (const file of ['app', 'components', 'lib'].flatMap((d) => sources(join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    // t functions and their namespaces: a call uses the nearest declaration above it (the same
    // name `t` is declared again, with another namespace, in each function of a file).
    const decls: { name: string; ns: string; at: number }[] = [];
    for (const m of text.matchAll(
      /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:'([^']*)'|\{\s*(?:locale:\s*\w+,\s*)?namespace:\s*'([^']*)'[^}]*\})?\s*\)/g,
    )) {
      decls.push({ name: m[1]!, ns: m[2] ?? m[3] ?? '', at: m.index! });
    }
    for (const name of new Set(decls.map((d) => d.name))) {
      for (const m of text.matchAll(new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup|\\.raw|\\.has)?\\(\\s*'([A-Za-z0-9_.]+)'`, 'g'))) {
        const decl = decls.filter((d) => d.name === name && d.at < m.index!).at(-1);
        if (!decl) continue;
        add(decl.ns ? `${decl.ns}.${m[1]}` : m[1]!, where);
      }
    }
    // Literals shaped like keys of a known namespace.
    for (const m of text.matchAll(/'([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)'/g)) {
      const key = m[1]!;
      if (!NAMESPACES.has(key.split('.')[0]!) || FILE_EXT.test(key)) continue;
      // Audit action names ('visit.create', on a line that writes or reads the audit log) are not messages.
      const line = text.slice(text.lastIndexOf('\n', m.index!) + 1, text.indexOf('\n', m.index!) === -1 ? undefined : text.indexOf('\n', m.index!));
      if (/audit|action\b|action:/i.test(line) || /\baudit\(\s*tx,[^;]*$/.test(text.slice(Math.max(0, m.index! - 150), m.index!))) continue;
      add(key, where);
    }
  }
  return used;
}

describe('message keys (issue #22)', () => {
  it('id.json and en.json hold the same keys', () => {
    expect([...idKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys.keys()].filter((k) => !idKeys.has(k))).toEqual([]);
  });

  it('every key used in code exists in both files', () => {
    const missing: string[] = [];
    for (const [key, files] of usedKeys()) {
      if (!has(id, key) || !has(en, key)) missing.push(`${key} (${[...new Set(files)].join(', ')})`);
    }
    expect(missing).toEqual([]);
  });

  it('finds the keys it is meant to find (the scan itself works)', () => {
    const used = usedKeys();
    expect(used.has('validation.tooShort')).toBe(true);
    expect(used.has('login.returnNotice')).toBe(true);
    expect(used.size).toBeGreaterThan(300);
  });
});
