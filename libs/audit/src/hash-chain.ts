import { createHash } from 'node:crypto';

/** The previous hash of the first link: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that the chain protects. */
export interface ChainedEvent {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  patientId: string | null;
  outcome: string;
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/**
 * JSON with object keys sorted at every depth, so the same value always
 * serialises to the same bytes (PostgreSQL's jsonb does not keep key order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * The hash of one link: SHA-256 over the canonical form of its position, the
 * previous link's hash and every protected field of its event. Changing any
 * of them, or moving the event to another position, changes the hash.
 */
export function linkHash(seq: string, prevHash: string, event: ChainedEvent): string {
  const canonical = canonicalJson({
    seq,
    prevHash,
    event: {
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      actor: event.actor,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      patientId: event.patientId,
      outcome: event.outcome,
      clientAddress: event.clientAddress,
      requestId: event.requestId,
      details: event.details,
    },
  });
  return createHash('sha256').update(canonical).digest('hex');
}
