import type { AppConfig } from '#config';

/** One CLI command: `npm run cli -- <name> [options]`. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], config: AppConfig, io: CommandIo): Promise<number>;
}

/** Where a command reads and writes, so tests can drive it. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}
