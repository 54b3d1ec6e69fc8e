import { loadConfig } from '#config';
import type { CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    'Patient Rights Desk command line',
    '',
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  show this help`,
    '',
    'Configuration comes from the environment (see README: Configuration).',
  ].join('\n');
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (args.includes('--help')) {
    io.out(`Usage: npm run cli -- ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  return command.run(args, loadConfig(io.env), io);
}
