import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';

/**
 * Fixed-window counters in Redis, shared by every API instance: filings per
 * address, and status-token guesses per address (slowed, then refused).
 */
@Injectable()
export class PortalRateLimit implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.prefix = `${config.redis.prefix}:portal`;
  }

  /** Counts one hit; returns how many there were in the window, and whether the limit is passed. */
  async hit(
    bucket: string,
    address: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ count: number; over: boolean; retryAfter: number }> {
    const key = `${this.prefix}:${bucket}:${address}`;
    const [[, count], , [, ttl]] = (await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec()) as [
      unknown,
      number,
    ][];
    return { count: Number(count), over: Number(count) > limit, retryAfter: Math.max(1, Number(ttl)) };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
