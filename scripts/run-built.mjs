#!/usr/bin/env node
// Compiles the TypeScript (incrementally: a no-op when nothing changed) and
// runs one entry point of dist/ in this same process, with the remaining
// arguments. Used by `npm run cli`, `start:api` and `start:worker`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: run-built.mjs <source entry, e.g. apps/api/src/main.ts> [args]\n');
  process.exit(2);
}

export function build() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', resolve(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    process.stderr.write('build failed: see the TypeScript errors above\n');
    process.exit(result.status ?? 1);
  }
}

if (process.env.PRD_SKIP_BUILD !== '1') build();
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(resolve(root, 'dist', entry.replace(/\.ts$/, '.js'))).href);
