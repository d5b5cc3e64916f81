import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() answers 403 from the server when a role opens another's section.
    authInterrupts: true,
    // Forms post a little data; keep the server action body small.
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default withNextIntl(nextConfig);
