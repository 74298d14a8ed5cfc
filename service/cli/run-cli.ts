import { ZodError } from 'zod';
import { ConfigError, formatPath } from '../../schema/index.js';

/** Runs a command-line tool: its errors become one readable line each and exit code 1, no stack. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ZodError) {
      for (const issue of error.issues) console.error(`error: ${formatPath(issue.path) || 'input'}: ${issue.message}`);
    } else if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`error: ${problem.path || 'config'}: ${problem.message}`);
    } else {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  }
}
