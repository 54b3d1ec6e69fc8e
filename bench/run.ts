import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '#config';
import { accountingPdfBench } from './accounting-pdf.bench.js';
import { actionBench } from './action.bench.js';
import { auditBench } from './audit.bench.js';
import { auditExportBench } from './audit-export.bench.js';
import { disclosureImportBench } from './disclosure-import.bench.js';
import { intakeBench } from './intake.bench.js';
import { lettersBench } from './letters.bench.js';
import { requestDetailBench } from './request-detail.bench.js';
import { remindersBench } from './reminders.bench.js';
import { workQueueBench } from './work-queue.bench.js';
import { round, type Measurement } from './measure.js';

/**
 * `npm run bench`: each benchmark runs in its own process (so peak memory is
 * its own), product and raw baseline in the same run, and the report gives
 * the product as a ratio of the baseline. Results: bench/results/latest.{json,md}.
 */
type Side = 'product' | 'raw';

/** The heap ceiling of every bench process (MB)... */
const HEAP_LIMIT_MB = 2048;
/** ...except the product side of worker paths, which runs with the worker's own cap (scripts/start.mjs, compose). */
const WORKER_HEAP_MB = 256;
const WORKER_PATHS = new Set([
  'audit-export-100k',
  'audit-export-1m',
  'reminders-10k',
  'reminders-100k',
  'reminders-outbox-1k',
  'reminders-outbox-10k',
]);
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * Every path of issue #10, each at two sizes so the table shows how its cost
 * grows: the paths that touch the requests tables run against the seeded
 * datasets of 100,000 and 1,000,000 requests (bench/dataset.ts); the others
 * at two amounts of work.
 */
const BENCHES: Record<string, (side: Side) => Promise<Measurement>> = {
  // 1. Intake over HTTP at concurrency 32.
  'intake-100k': (side) => intakeBench(side, '100k'),
  'intake-1m': (side) => intakeBench(side, '1m'),
  // 2. The staff work queue.
  'work-queue-100k': (side) => workQueueBench(side, '100k', env('BENCH_QUEUE_PAGES', 200)),
  'work-queue-1m': (side) => workQueueBench(side, '1m', env('BENCH_QUEUE_PAGES', 200)),
  // 3. One request with its timeline.
  'request-detail-100k': (side) => requestDetailBench(side, '100k', env('BENCH_DETAIL_READS', 2000)),
  'request-detail-1m': (side) => requestDetailBench(side, '1m', env('BENCH_DETAIL_READS', 2000)),
  // 4. An action end to end.
  'action-100k': (side) => actionBench(side, '100k', env('BENCH_ACTIONS', 3000)),
  'action-1m': (side) => actionBench(side, '1m', env('BENCH_ACTIONS', 3000)),
  // 5. Reminder scheduling through the outbox (each change writes a plan), and the reconciliation
  // that rebuilds every open request's reminders after a lost Redis.
  'reminders-outbox-10k': (side) => remindersBench(side, 10_000, 'outbox'),
  'reminders-outbox-100k': (side) => remindersBench(side, env('BENCH_REMINDER_REQUESTS', 100_000), 'outbox'),
  'reminders-reconcile-10k': (side) => remindersBench(side, 10_000),
  // 6. Disclosure import.
  'disclosure-import-10k': (side) => disclosureImportBench(side, 10_000),
  'disclosure-import-100k': (side) => disclosureImportBench(side, env('BENCH_IMPORT_LINES', 100_000)),
  // 7. The accounting PDF.
  'accounting-pdf-1k': (side) => accountingPdfBench(side, 1_000),
  'accounting-pdf-10k': (side) => accountingPdfBench(side, env('BENCH_ACCOUNTING_ENTRIES', 10_000)),
  // 8. The audit-log export: raw PDFKit keeps every laid-out word until the end, so only the smaller fits its heap.
  'audit-export-100k': (side) => auditExportBench(side, '100k'),
  'audit-export-1m': (side) => auditExportBench(side, '1m'),
  // 9. Letters.
  'letters-50': (side) => lettersBench(side, 50),
  'letters-200': (side) => lettersBench(side, env('BENCH_LETTERS', 200)),
  // Audited writes: the audit trail's own cost, under every path above.
  audit: (side) => auditBench(side, loadConfig().database.url, env('BENCH_AUDIT_WRITES', 5000)),
};

function latency(measurement: Measurement): string {
  return measurement.extra?.p50Ms === undefined ? '–' : `${measurement.extra.p50Ms} / ${measurement.extra.p99Ms} ms`;
}

function heapFor(name: string, side: Side): number {
  return side === 'product' && WORKER_PATHS.has(name) ? WORKER_HEAP_MB : HEAP_LIMIT_MB;
}

function parent(): void {
  const started = Date.now();
  const results: { bench: string; product: Measurement; raw: Measurement; ratio: number }[] = [];
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = only.filter((name) => !(name in BENCHES));
  if (unknown.length) throw new Error(`no benchmark named ${unknown.join(', ')}; the names are: ${Object.keys(BENCHES).join(', ')}`);
  for (const name of Object.keys(BENCHES).filter((bench) => only.length === 0 || only.includes(bench))) {
    for (const mode of ['product', 'raw'] as const) {
      // Each side in its own process, so the peak memory of one does not hide the other's.
      // Every side gets the same heap ceiling, so "flat memory" is tested, not assumed.
      const run = spawnSync(
        process.execPath,
        [`--max-old-space-size=${heapFor(name, mode)}`, fileURLToPath(import.meta.url), '--child', name, mode],
        {
          encoding: 'utf8',
          env: process.env,
          maxBuffer: 1 << 20,
        },
      );
      const outOfMemory = run.status !== 0 && /heap out of memory/i.test(run.stderr);
      if (run.status !== 0 && !outOfMemory) throw new Error(`bench ${name} failed: ${run.stderr}`);
      // A side that runs out of memory did not finish: that is a result too, reported as such.
      const measurement: Measurement = outOfMemory
        ? {
            name: `${name} (${mode}): did not finish, out of memory at a ${heapFor(name, mode)} MB heap`,
            operations: 0,
            seconds: 0,
            perSecond: 0,
            peakRssMb: HEAP_LIMIT_MB,
          }
        : (JSON.parse(run.stdout) as Measurement);
      const existing = results.find((result) => result.bench === name);
      if (existing) existing[mode] = measurement;
      else results.push({ bench: name, product: measurement, raw: measurement, ratio: 0 });
    }
  }
  for (const result of results)
    result.ratio = result.raw.perSecond > 0 ? round(result.product.perSecond / result.raw.perSecond, 3) : Number.NaN;
  const minutes = Math.round((Date.now() - started) / 6000) / 10;
  const lines = [
    `Ran ${results.length} benchmarks in ${minutes} minutes. Measured ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, ${process.env.BENCH_LABEL ?? 'this machine'}.`,
    '',
    '| benchmark | product | raw baseline | product / raw | p50 / p99 product (raw) | peak RSS product / raw |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (result) =>
        `| ${result.product.name} | ${result.product.perSecond}/s (${result.product.operations} in ${result.product.seconds} s) | ${result.raw.perSecond > 0 ? `${result.raw.perSecond}/s` : 'did not finish (out of memory)'} | ${Number.isNaN(result.ratio) ? '–' : result.ratio} | ${latency(result.product)} (${latency(result.raw)}) | ${result.product.peakRssMb} / ${result.raw.peakRssMb} MB |`,
    ),
  ];
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  process.stdout.write(JSON.stringify(await BENCHES[argv[1]](argv[2] as Side)));
} else {
  parent();
}
