/**
 * The direction of imports (docs/decisions/056): app → lib/actions → lib/data → db, components only
 * render what a page hands them, lib/domain is pure. A static scan of every .ts/.tsx file with the
 * TypeScript parser (nothing is executed); a failure names the file, the line and the import.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP_DIRS = new Set(['node_modules', 'test-results', 'playwright-report', 'coverage', 'public']);
const EXTENSIONS = /\.(ts|tsx|mts|cts)$/;

/** One import of a file: where it points (a repo path for local modules, else the package specifier). */
interface Import {
  line: number;
  specifier: string;
  /** 'lib/data/forum' for '@/lib/data/forum' or '../lib/data/forum'; null for a package. */
  local: string | null;
  typeOnly: boolean;
}

interface Rule {
  /** Files under this folder (repo path prefix) … */
  from: string;
  /** … must not import these: a local folder ('lib/data') or a package ('pkg:next', also matching 'next/…'). */
  forbid: string[];
  /** `import type` is allowed (it leaves nothing at run time). */
  typesAllowed?: boolean;
  why: string;
}

const RULES: Rule[] = [
  {
    from: 'components/',
    forbid: ['lib/data', 'db'],
    typesAllowed: true,
    why: 'components render what the page passes them; the page (or a route body under app/) fetches',
  },
  { from: 'components/', forbid: ['app'], why: 'routes use components, not the other way round' },
  {
    from: 'lib/domain/',
    forbid: ['db', 'lib/data', 'pkg:next', 'pkg:next-auth', 'pkg:react'],
    why: 'lib/domain holds the pure rules: no database, no framework',
  },
  { from: 'lib/data/', forbid: ['lib/actions', 'app'], why: 'the data layer is called by actions and pages, never calls them' },
  { from: 'lib/actions/', forbid: ['app'], why: 'actions are called by routes, never import them' },
  { from: 'db/', forbid: ['lib/data', 'lib/actions'], why: 'db is the bottom layer: lib/data calls db, not the reverse' },
];

/**
 * Broken today in files outside decision 056's change, reported there; keyed without the line
 * number. When one is fixed the test asks for its line here to go, so the list only shrinks.
 */
const KNOWN = new Set<string>([]);

function within(target: string, folder: string): boolean {
  return target === folder || target.startsWith(`${folder}/`);
}

function matches(imp: Import, forbidden: string): boolean {
  if (forbidden.startsWith('pkg:')) {
    const name = forbidden.slice(4);
    return imp.local === null && (imp.specifier === name || imp.specifier.startsWith(`${name}/`));
  }
  return imp.local !== null && within(imp.local, forbidden);
}

function localTarget(specifier: string, file: string): string | null {
  let target: string;
  if (specifier.startsWith('@/')) target = specifier.slice(2);
  else if (specifier.startsWith('.')) target = path.posix.join(path.posix.dirname(file), specifier);
  else return null;
  return path.posix
    .normalize(target)
    .replace(/\/(index)?$/, '')
    .replace(/\.(tsx?|mts|mjs|js)$/, '');
}

/** Every import of one source text: static, re-exports, dynamic import(), require(), import types. */
function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    out.push({
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      specifier: specifier.text,
      local: localTarget(specifier.text, file),
      typeOnly,
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(node, arg.literal as ts.Expression, true);
    } else if (ts.isCallExpression(node)) {
      const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (dynamic || required) add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The broken rules of one file, as "file:line imports 'x' — why" lines. */
function violations(file: string, text: string): string[] {
  const rules = RULES.filter((r) => file.startsWith(r.from));
  if (rules.length === 0) return [];
  const found: string[] = [];
  for (const imp of importsOf(file, text)) {
    for (const rule of rules) {
      if (rule.typesAllowed && imp.typeOnly) continue;
      const hit = rule.forbid.find((f) => matches(imp, f));
      if (hit) {
        const what = imp.typeOnly ? 'import type' : 'import';
        found.push(`${file}:${imp.line} ${what} '${imp.specifier}' (${hit.replace('pkg:', '')}) — ${rule.why}`);
      }
    }
  }
  return found;
}

function sourceFiles(dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('import direction (docs/decisions/056)', () => {
  const files = sourceFiles();

  it('scans the source tree', () => {
    for (const folder of ['app/', 'components/', 'lib/domain/', 'lib/data/', 'lib/actions/', 'db/']) {
      expect(
        files.some((f) => f.startsWith(folder)),
        folder,
      ).toBe(true);
    }
  });

  const broken = files.flatMap((f) => violations(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
  const key = (v: string) => v.split(' (')[0]!.replace(/:\d+ /, ' ');

  it('every file imports in the allowed direction', () => {
    expect(broken.filter((v) => !KNOWN.has(key(v)))).toEqual([]);
  });

  it('each known exception is still there (else remove it from KNOWN)', () => {
    const seen = new Set(broken.map(key));
    expect([...KNOWN].filter((k) => !seen.has(k))).toEqual([]);
  });

  describe('the scan itself', () => {
    it('catches value imports, re-exports, dynamic imports and relative paths', () => {
      const text = [
        "import { db } from '@/db/client';",
        "export { listGroupSessions } from '../../lib/data/group-sessions';",
        "const m = await import('@/lib/data/forum');",
        "import '@/db/schema';",
        "import { type A, b } from '@/lib/data/visits';",
      ].join('\n');
      expect(violations('components/group-sessions/x.tsx', text).map((v) => v.split(' — ')[0])).toEqual([
        "components/group-sessions/x.tsx:1 import '@/db/client' (db)",
        "components/group-sessions/x.tsx:2 import '../../lib/data/group-sessions' (lib/data)",
        "components/group-sessions/x.tsx:3 import '@/lib/data/forum' (lib/data)",
        "components/group-sessions/x.tsx:4 import '@/db/schema' (db)",
        "components/group-sessions/x.tsx:5 import '@/lib/data/visits' (lib/data)",
      ]);
    });

    it('lets components import types only', () => {
      const text = [
        "import type { Detail } from '@/lib/data/visits';",
        "import { type A, type B } from '@/lib/data/forum';",
        "type T = Awaited<ReturnType<typeof import('@/lib/data/group-sessions').myGroupSessions>>;",
        "import { babies } from '@/db-helpers';",
      ].join('\n');
      expect(violations('components/x.tsx', text)).toEqual([]);
    });

    it('keeps lib/domain free of next and react, types included', () => {
      const text = ["import type { ReactNode } from 'react';", "import { redirect } from 'next/navigation';", "import { z } from 'zod';"].join('\n');
      expect(violations('lib/domain/x.ts', text).map((v) => v.split(' — ')[0])).toEqual([
        "lib/domain/x.ts:1 import type 'react' (react)",
        "lib/domain/x.ts:2 import 'next/navigation' (next)",
      ]);
      expect(violations('lib/domain/x.ts', "import { nextMonth } from './next';")).toEqual([]);
    });

    it('keeps the layers below from calling up', () => {
      expect(violations('lib/data/x.ts', "import { save } from '@/lib/actions/visits';")).toHaveLength(1);
      expect(violations('lib/data/x.ts', "import Page from '@/app/kader/page';")).toHaveLength(1);
      expect(violations('lib/actions/x.ts', "import { Body } from '@/app/_components/sessions';")).toHaveLength(1);
      expect(violations('db/seed/x.ts', "import { list } from '../../lib/data/forum';")).toHaveLength(1);
      expect(violations('app/kader/page.tsx', "import { db } from '@/db/client';")).toEqual([]);
    });
  });
});
