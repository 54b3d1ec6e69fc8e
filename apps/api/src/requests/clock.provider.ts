import { systemClock, type Clock } from '#domain';

/** Injection token of the clock; tests replace it with a FixedClock. */
export const CLOCK = Symbol('CLOCK');

export const clockProvider = { provide: CLOCK, useValue: systemClock as Clock };
