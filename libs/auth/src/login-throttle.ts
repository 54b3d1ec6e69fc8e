import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';
import { DomainError } from '#domain';

/** Failures counted per account and per address over a fixed 15-minute window. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** The 11th failed attempt on one account within the window is refused. */
export const MAX_ACCOUNT_FAILURES = 10;
/** An address may fail this often (across accounts) before it is refused. */
export const MAX_ADDRESS_FAILURES = 50;
/** From this many failures on, each answer is slowed a little more. */
export const SLOW_AFTER_FAILURES = 3;
const SLOW_STEP_MS = 200;
const SLOW_MAX_MS = 2_000;

/**
 * Brute-force protection for sign-in, kept in Redis so that every API
 * instance sees the same counts. Keys hold a hash of the email, never the email.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2, lazyConnect: true, enableOfflineQueue: true });
    this.prefix = `${config.redis.prefix}:login`;
  }

  /** Refuses with TOO_MANY_ATTEMPTS while the account or the address is over its limit. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const [account, fromAddress] = await this.counts(email, address);
    const over =
      account >= MAX_ACCOUNT_FAILURES ? this.accountKey(email) : fromAddress >= MAX_ADDRESS_FAILURES ? this.addressKey(address) : null;
    if (over) {
      const ttl = await this.redis.ttl(over);
      throw new DomainError(
        'TOO_MANY_ATTEMPTS',
        'too many failed sign-in attempts; try again later',
        [],
        ttl > 0 ? ttl : LOGIN_WINDOW_SECONDS,
      );
    }
  }

  /** Counts a failure and waits a little longer with each one beyond the first few. */
  async recordFailure(email: string, address: string): Promise<void> {
    const results = await this.redis
      .multi()
      .incr(this.accountKey(email))
      .expire(this.accountKey(email), LOGIN_WINDOW_SECONDS, 'NX')
      .incr(this.addressKey(address))
      .expire(this.addressKey(address), LOGIN_WINDOW_SECONDS, 'NX')
      .exec();
    const failures = Number(results?.[0]?.[1] ?? 0);
    const delay = Math.min(SLOW_MAX_MS, Math.max(0, failures - SLOW_AFTER_FAILURES) * SLOW_STEP_MS);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** A successful sign-in clears the account's count (not the address's). */
  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  private async counts(email: string, address: string): Promise<[number, number]> {
    const [account, fromAddress] = await this.redis.mget(this.accountKey(email), this.addressKey(address));
    return [Number(account ?? 0), Number(fromAddress ?? 0)];
  }

  private accountKey(email: string): string {
    return `${this.prefix}:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:address:${address}`;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
