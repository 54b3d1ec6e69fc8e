/**
 * Coded errors of the product's rules. The API maps each code to an HTTP
 * status in one exhaustive switch (apps/api/src/common/problem-details.filter.ts);
 * messages name fields and rules, never patient data.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'EMAIL_TAKEN'
  | 'WEAK_PASSWORD'
  | 'LICENCE_REQUIRED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'ACTION_NOT_ALLOWED'
  | 'STALE_VERSION'
  /** It existed, but is no longer available (an expired export). */
  | 'GONE';

export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
    /** Seconds until a refused attempt may be retried (TOO_MANY_ATTEMPTS). */
    readonly retryAfterSeconds?: number,
    /** The rule's own reason code, e.g. EXTENSION_ALREADY_USED, with its citation. */
    readonly reason?: { code: string; citation?: string },
  ) {
    super(message);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
