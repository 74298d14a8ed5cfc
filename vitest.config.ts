import { configDefaults, defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 20_000, hookTimeout: 60_000 };

/**
 * The service's suites once more on PostgreSQL (TEST_DIALECT=postgres), when there is a server to run
 * them on: `npm test` starts a throwaway one (scripts/postgres.mjs) and passes its URL.
 */
const postgres = process.env.TEST_POSTGRES_URL
  ? [{ test: { ...timeouts, name: 'postgres', include: ['service/**/*.test.ts'], env: { TEST_DIALECT: 'postgres' } } }]
  : [];

export default defineConfig({
  test: {
    // The root's only: the projects below do not extend it, so the bundles are built once.
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    projects: [
      {
        test: {
          ...timeouts,
          name: 'sqlite',
          include: ['schema/**/*.test.ts', 'service/**/*.test.ts', 'data-holder/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
          // PostgreSQL's own behaviour, on a server of its own: in the PostgreSQL pass only.
          exclude: [...configDefaults.exclude, 'service/db/postgres.test.ts'],
          env: { TEST_DIALECT: 'sqlite' },
        },
      },
      ...postgres,
    ],
  },
});
