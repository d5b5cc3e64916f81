/**
 * Throughput: requests per second with 20 concurrent connections (autocannon) against the
 * production server, for a page of the portal (with the session cookie of its role) and for the
 * dynamic page of the bare Next.js app served the same way (`next start`) in the same run.
 */
import autocannon from 'autocannon';
import { log } from './support';

export type ThroughputRow = { page: string; url: string; rps: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };

export async function throughput(page: string, url: string, cookie?: string, seconds = Number(process.env.BENCH_TP_SECONDS ?? 15)): Promise<ThroughputRow> {
  // Warm-up: compile caches, connection pool.
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers: cookie ? { cookie } : {} })).arrayBuffer();
  const r = await autocannon({ url, connections: 20, duration: seconds, headers: cookie ? { cookie } : {} });
  const row = { page, url, rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  log(`throughput ${page.padEnd(24)} ${row.rps.toFixed(1)} req/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms${row.non2xx ? `  non-2xx ${row.non2xx}` : ''}`);
  return row;
}
