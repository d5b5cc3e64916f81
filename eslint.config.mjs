// ESLint 9 flat config (docs/decisions/057-lint-and-format.md). Next 16 has no `next lint`:
// `npm run lint` runs `eslint .` with eslint-config-next's own flat configs.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    // Build output and generated files (eslint-config-next's defaults, plus the other build dirs).
    '.next/**',
    '.next-*/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    // Test and benchmark output, local data.
    'test-results/**',
    'playwright-report/**',
    'blob-report/**',
    'coverage/**',
    'bench/.work/**',
    'bench/results/**',
    '.data/**',
    'backups/**',
    'tmp/**',
  ]),
  {
    rules: {
      // The code's convention: a name starting with _ is left unused on purpose (a field taken out
      // of an object by destructuring, a callback parameter kept for its position).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Formatting is Prettier's job: turn off every rule that would fight it. Last, so it wins.
  prettier,
]);
