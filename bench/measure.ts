/** One measured run: how many operations in how long, and the process's peak memory. */
export interface Measurement {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  extra?: Record<string, number | string>;
}

export async function measure(
  name: string,
  operations: number,
  work: () => Promise<void>,
  extra?: Measurement['extra'],
): Promise<Measurement> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    name,
    operations,
    seconds: round(seconds, 3),
    perSecond: round(operations / seconds, 1),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    ...(extra ? { extra } : {}),
  };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `total` tasks on `concurrency` lanes; each task learns its index and its lane (to own a connection). */
export async function pool(total: number, concurrency: number, task: (index: number, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (next < total) await task(next++, lane);
    }),
  );
}

/** p50 and p99 of latencies in milliseconds. */
export function percentiles(latencies: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))], 2);
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}
