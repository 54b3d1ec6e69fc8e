import 'reflect-metadata';
import { runOrExit } from '#config';
import { runCli } from './run-cli.js';

await runOrExit(async () => {
  const code = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
    env: process.env,
  });
  process.exitCode = code;
});
