import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts into db/migrations and committed.
// They are applied at start-up by db/migrate.ts (PostgreSQL or embedded PGlite).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  strict: true,
});
