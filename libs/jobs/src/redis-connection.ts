import type { RedisOptions } from 'bullmq';

/**
 * BullMQ connection options for a redis:// or rediss:// URL. Blocking
 * connections need `maxRetriesPerRequest: null`; commands fail fast while
 * Redis is away instead of queueing without bound.
 */
export function redisConnection(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null, enableOfflineQueue: true };
}
