/**
 * The repository stands alone (issue #29 point 6): the README and docs/ describe the program,
 * the rules and who may do what themselves, and every relative link in them (and in the decision
 * records) resolves to a file inside the repository — nothing points at ../shared/DESIGN.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const docs = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...fs
    .readdirSync(path.join(root, 'docs/decisions'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/decisions/${f}`),
];

describe('the documents of the repository', () => {
  it('program, rules and access are written in docs/ and linked from the README', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const f of ['docs/program.md', 'docs/rules.md', 'docs/access.md']) {
      expect(fs.existsSync(path.join(root, f)), f).toBe(true);
      expect(readme).toContain(`](${f})`);
    }
    const rules = fs.readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
    for (const heading of ['## Age', '## Breaks', '## Journey status', '## Visit schedule', '## Indicators for a month', '## Lessons and knowledge', '## Certificates'])
      expect(rules).toContain(heading);
    expect(fs.readFileSync(path.join(root, 'docs/access.md'), 'utf8')).toMatch(/\| lessons \(materi\) \|/);
  });

  it.each(docs)('%s: no link leaves the repository, every relative link resolves', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    expect(text).not.toMatch(/shared\/DESIGN|DESIGN\.md/);
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (!target || /^[a-z]+:/i.test(target)) continue;
      const resolved = path.resolve(path.dirname(path.join(root, file)), target);
      expect(resolved.startsWith(root + path.sep), `${file}: ${m[1]} leaves the repository`).toBe(true);
      expect(fs.existsSync(resolved), `${file}: ${m[1]} does not exist`).toBe(true);
    }
  });
});
