#!/usr/bin/env node
// `npm start`: build if needed, apply migrations, then run the API and the
// worker as two child processes. Ctrl-C (or SIGTERM) stops both gracefully;
// if either dies, the other is stopped too and the exit code says so.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runBuilt = resolve(root, 'scripts/run-built.mjs');

function step(entry, ...args) {
  const result = spawnSync(process.execPath, [runBuilt, entry, ...args], { stdio: 'inherit', cwd: root, env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Building once here lets the two children skip it; `migrate` also validates the configuration.
step('apps/cli/src/main.ts', 'migrate');

const env = { ...process.env, PRD_SKIP_BUILD: '1' };
const children = new Map();
let stopping = false;
let exitCode = 0;

// The worker's heap is capped: its large jobs (exports, long accountings) stream, and a cap makes V8
// collect before the process grows, so a worker stays within about 300 MB (see npm run bench).
const workerHeap = `--max-old-space-size=${process.env.WORKER_HEAP_MB || 256}`;
for (const [name, entry, flags] of [
  ['api', 'apps/api/src/main.ts', []],
  ['worker', 'apps/worker/src/main.ts', [workerHeap]],
]) {
  const child = spawn(process.execPath, [...flags, runBuilt, entry], { stdio: 'inherit', cwd: root, env });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stderr.write(`${name} stopped (${signal ?? `exit ${code}`}); stopping the rest\n`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (children.size === 0) process.exit(exitCode);
  });
}

function stopAll(signal) {
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  // A child that does not finish its work within 30 s is ended.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 30_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll('SIGTERM'));
