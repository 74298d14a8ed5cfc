// web-test-runner: the widget's tests in Debian's headless Chromium, with the real service behind the
// dev server (service paths are forwarded to a fresh createTestApp()). Run under `node --import tsx`
// so this config can load the TypeScript service (scripts/test.mjs does).
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';

const { createBrowserTestService } = await import('./service/testing/browser-test-service.ts');
const service = await createBrowserTestService();
const SERVICE_PATHS = /^\/(v1|healthz|widget[.a-zA-Z-]*\.js|preview|connect|manage|logos|receipts|__fixtures)(\/|$|\?)/;

/** Koa middleware handing service paths to the Hono app. */
async function forwardToService(ctx, next) {
  if (!SERVICE_PATHS.test(ctx.path)) return next();
  const hasBody = !['GET', 'HEAD'].includes(ctx.method);
  const body = hasBody ? await new Promise((resolve) => {
    const chunks = [];
    ctx.req.on('data', (c) => chunks.push(c));
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
  }) : undefined;
  const response = await service.app.fetch(
    new Request(new URL(ctx.url, `http://${ctx.host}`), { method: ctx.method, headers: ctx.headers, body }),
  );
  ctx.status = response.status;
  response.headers.forEach((value, key) => ctx.set(key, value));
  ctx.body = Buffer.from(await response.arrayBuffer());
}

/** Writes pass/fail counts for scripts/test.mjs's closing line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) totals[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      mkdirSync('.tmp/test-reports', { recursive: true });
      writeFileSync('.tmp/test-reports/wtr.json', JSON.stringify(totals));
    },
  };
}

export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: Number(process.env.WTR_FINISH_TIMEOUT ?? 180_000),
  testFramework: { config: { timeout: 10_000 } },
  middleware: [forwardToService],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    {
      name: 'close-service',
      async serverStop() {
        await service.close();
      },
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
