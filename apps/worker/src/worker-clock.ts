import { systemClock, type Clock } from '#domain';

/** Injection token of the worker's clock: the system clock, or a fixed one in tests (never sleep on time). */
export const WORKER_CLOCK = Symbol('WORKER_CLOCK');

export function workerClockProvider(clock: Clock = systemClock) {
  return { provide: WORKER_CLOCK, useValue: clock };
}
