import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // A self-contained server folder (.next/standalone) that scripts/bundle.mjs completes with
  // the static files, the migrations and scripts/server.mjs (docs/decisions/030-production-server.md).
  output: 'standalone',
  // Developers may run a second `next dev` (e.g. on an empty database) in its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WASM and data files that must be loaded from node_modules at run time;
  // pino stays a plain Node package too (it is also used by scripts/server.mjs).
  serverExternalPackages: ['@electric-sql/pglite', 'pino'],
  outputFileTracingIncludes: {
    // Read at run time from the file system, so the tracer cannot see them.
    '/*': ['./db/migrations/**/*', './content/lessons/**/*', './node_modules/@electric-sql/pglite/dist/**/*'],
  },
  poweredByHeader: false,
  typedRoutes: false,
  // HSTS, nosniff, no framing, Referrer- and Permissions-Policy on every response; the CSP
  // with its per-request nonce is set by proxy.ts (lib/security/headers.ts).
  async headers() {
    return [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }];
  },
  experimental: {
    // forbidden() answers 403 from the server when a role opens another's section.
    authInterrupts: true,
    // Forms post a little data; keep the server action body small.
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default withNextIntl(nextConfig);
