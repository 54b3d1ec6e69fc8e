import { Injectable, Logger } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '#config';

/** What is POSTed to WEBHOOK_URL: ids, codes and dates only, never patient data. */
export interface WebhookEvent {
  /** Unique per event, stable across retries: receivers use it to drop duplicates. */
  id: string;
  type: string;
  /** ISO 8601 instant. */
  occurredAt: string;
  data: Record<string, string | number | null>;
}

export const SIGNATURE_HEADER = 'x-prd-signature';
export const EVENT_ID_HEADER = 'x-prd-event-id';
const TIMEOUT_MS = 10_000;

/**
 * The signature header for `body` sent at `timestamp` (unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Signing the time
 * with the body lets a receiver reject a replayed request (Stripe's scheme).
 */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  const t = Math.floor(timestamp);
  return `t=${t},v1=${hmacHex(`${t}.${body}`, secret)}`;
}

/**
 * True when `header` signs exactly `body` with `secret`, and its time is within
 * `toleranceSeconds` of `now` (unix seconds). Any `v1` entry may match (several
 * during a secret rotation); the comparison is constant-time.
 */
export function verifyWebhookSignature(body: string, header: string, secret: string, now: number, toleranceSeconds = 300): boolean {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(`${timestamp}.${body}`, secret), 'hex');
  let match = false;
  // Every candidate is compared, so the time taken does not tell which one matched.
  for (const signature of signatures) match = timingSafeEqual(expected, Buffer.from(signature, 'hex')) || match;
  return match;
}

function hmacHex(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** Thrown when the receiver answered other than 2xx, or could not be reached in time: the job retries. */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';

  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * Delivers events to WEBHOOK_URL, signed with WEBHOOK_SECRET. A no-op when no
 * webhook is configured. `deliver` rejects on a network error, a time-out (10 s)
 * or any non-2xx answer (redirects are not followed: a signed body goes only
 * where it was configured to go); the job's retry with backoff does the rest.
 */
@Injectable()
export class WebhookClient {
  private readonly logger = new Logger(WebhookClient.name);

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.webhook !== null;
  }

  async deliver(event: WebhookEvent): Promise<void> {
    const webhook = this.config.webhook;
    if (!webhook) return;
    const body = JSON.stringify(event);
    const signature = signWebhook(body, webhook.secret, Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, [EVENT_ID_HEADER]: event.id },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      // The URL is not logged: it may carry a token of the receiver's.
      this.logger.warn({ eventId: event.id, type: event.type, outcome: timedOut ? 'timeout' : 'unreachable' }, 'webhook not delivered');
      throw new WebhookDeliveryError(timedOut ? 'webhook timed out' : 'webhook unreachable', null);
    }
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) {
      this.logger.warn({ eventId: event.id, type: event.type, outcome: 'refused', status: response.status }, 'webhook not delivered');
      throw new WebhookDeliveryError(`webhook answered ${response.status}`, response.status);
    }
    this.logger.log({ eventId: event.id, type: event.type, outcome: 'delivered', status: response.status }, 'webhook delivered');
  }
}
