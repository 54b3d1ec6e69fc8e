import { ConfigError } from './load-config.js';

/**
 * Runs a process's start-up. A configuration error ends the process with one
 * line naming the variable; any other start-up failure with its message.
 * Neither prints a stack trace, a secret or a connection string.
 */
export async function runOrExit(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `Start-up failed: ${(error as Error)?.message ?? error}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
