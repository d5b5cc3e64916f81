/**
 * Lighthouse 12 (runs on Node 20) in its default mode: mobile form factor, simulated slow 4G
 * and 4× CPU slowdown, performance category only. Run through its CLI in a child process (it is
 * an ES module with its own Chrome launcher), with Debian's Chromium (CHROME_PATH) and the
 * session cookie of the role as an extra header. Reports score and LCP per page.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROME, CHROME_FLAGS, log, ROOT, WORK } from './support';

export type LighthouseRow = {
  page: string;
  url: string;
  role: string;
  score: number | null;
  lcpMs: number | null;
  fcpMs: number | null;
  tbtMs: number | null;
  goal: boolean;
  ok: boolean | null;
  error?: string;
};

export type LighthouseTarget = { page: string; url: string; role: string; cookie?: string; goal: boolean };

export function runLighthouse(baseUrl: string, targets: LighthouseTarget[], runs = Number(process.env.BENCH_LH_RUNS ?? 1)): LighthouseRow[] {
  const cli = path.join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const rows: LighthouseRow[] = [];
  fs.mkdirSync(path.join(WORK, 'lighthouse'), { recursive: true });
  for (const t of targets) {
    const scores: number[] = [];
    const lcps: number[] = [];
    const fcps: number[] = [];
    const tbts: number[] = [];
    let error: string | undefined;
    for (let i = 0; i < runs; i++) {
      const out = path.join(WORK, 'lighthouse', `${t.page.replace(/\W+/g, '_')}-${i}.json`);
      const args = [
        cli,
        baseUrl + t.url,
        '--only-categories=performance',
        '--output=json',
        `--output-path=${out}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
        '--quiet',
        '--max-wait-for-load=60000',
      ];
      if (t.cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: t.cookie })}`);
      const r = spawnSync(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, encoding: 'utf8', timeout: 240_000 });
      if (r.status !== 0 || !fs.existsSync(out)) {
        error = (r.stderr || r.stdout || 'lighthouse failed').trim().split('\n').slice(-3).join(' ');
        continue;
      }
      const lhr = JSON.parse(fs.readFileSync(out, 'utf8'));
      if (lhr.runtimeError) {
        error = lhr.runtimeError.message;
        continue;
      }
      const finalUrl: string = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? '';
      if (!finalUrl.includes(t.url.split('?')[0]!)) error = `ended on ${finalUrl}`;
      scores.push(Math.round((lhr.categories.performance.score ?? 0) * 100));
      lcps.push(lhr.audits['largest-contentful-paint'].numericValue);
      fcps.push(lhr.audits['first-contentful-paint'].numericValue);
      tbts.push(lhr.audits['total-blocking-time'].numericValue);
    }
    const med = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]! : null);
    const score = med(scores);
    const lcpMs = med(lcps);
    const row: LighthouseRow = {
      ...t,
      score,
      lcpMs,
      fcpMs: med(fcps),
      tbtMs: med(tbts),
      ok: t.goal && score !== null && lcpMs !== null ? score >= 95 && lcpMs < 2000 : null,
      error,
    };
    delete (row as { cookie?: string }).cookie;
    rows.push(row);
    log(`lighthouse ${t.page.padEnd(20)} score ${score ?? '–'}  LCP ${lcpMs === null ? '–' : (lcpMs / 1000).toFixed(2) + ' s'}${error ? '  (' + error + ')' : ''}`);
  }
  return rows;
}
