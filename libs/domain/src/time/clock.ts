/** Where "now" comes from: services take a Clock so that tests can fix the instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
