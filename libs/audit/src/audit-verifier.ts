import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditChainLink, AuditEvent } from '#persistence';
import type { AuditContext } from './audit-context.js';
import { AuditService } from './audit.service.js';
import { GENESIS_HASH, linkHash } from './hash-chain.js';

export interface VerifyRange {
  /** Events that occurred at or after this instant. */
  from?: Date;
  /** Events that occurred before this instant. */
  to?: Date;
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed links re-computed. */
  checked: number;
  /** The audit event id where the chain first breaks. */
  firstBadId?: string;
  /** Why it breaks there: `hash_mismatch`, `event_missing`, `link_missing`. */
  reason?: 'hash_mismatch' | 'event_missing' | 'link_missing';
  /** Events written but not yet sealed (normally sealed within a second or two). */
  pending: number;
}

const PAGE = 5_000;

/**
 * Re-computes the hash chain over a range of events and reports the first
 * place where it does not hold: an edited event (its hash differs), a deleted
 * event (its link points at nothing), a deleted link (a gap in the positions)
 * or reordered links (the previous hash no longer matches).
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Verifies on behalf of someone, and records that they did and what they found. */
  async verifyAs(context: AuditContext, range: VerifyRange = {}): Promise<VerifyResult> {
    const result = await this.verify(range);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'audit.verify',
        targetType: 'audit_log',
        outcome: result.ok ? 'success' : 'failure',
        details: { checked: result.checked, firstBadId: result.firstBadId ?? null },
      }),
    );
    return result;
  }

  async verify(range: VerifyRange = {}): Promise<VerifyResult> {
    const [{ pending }] = await this.dataSource.query(`SELECT count(*)::int AS pending FROM audit_pending`);
    const [startSeq, endSeq] = await this.seqBounds(range);
    if (startSeq === null || endSeq === null) {
      const unlinked = await this.firstUnlinkedEvent(range);
      return unlinked
        ? { ok: false, checked: 0, firstBadId: unlinked, reason: 'link_missing', pending }
        : { ok: true, checked: 0, pending };
    }

    let expectedSeq = startSeq;
    let prevHash = await this.hashBefore(startSeq);
    let checked = 0;
    while (expectedSeq <= endSeq) {
      const rows: (AuditChainLink & { event: AuditEvent | null })[] = await this.page(expectedSeq, endSeq);
      if (rows.length === 0) break;
      for (const link of rows) {
        if (BigInt(link.seq) !== expectedSeq) {
          // Name the event whose link was removed when it is still there; else the first after the gap.
          const orphan = await this.firstUnlinkedEvent(range);
          return { ok: false, checked, firstBadId: orphan ?? link.eventId, reason: 'link_missing', pending };
        }
        if (!link.event) return { ok: false, checked, firstBadId: link.eventId, reason: 'event_missing', pending };
        if (link.prevHash !== prevHash || linkHash(link.seq, prevHash, link.event) !== link.hash) {
          return { ok: false, checked, firstBadId: link.eventId, reason: 'hash_mismatch', pending };
        }
        prevHash = link.hash;
        expectedSeq += 1n;
        checked += 1;
      }
    }
    const unlinked = await this.firstUnlinkedEvent(range);
    if (unlinked) return { ok: false, checked, firstBadId: unlinked, reason: 'link_missing', pending };
    return { ok: true, checked, pending };
  }

  /** An event that is neither sealed nor waiting to be: its link was removed. */
  private async firstUnlinkedEvent(range: VerifyRange): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT e.id::text AS id FROM audit_events e
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.event_id = e.id)
          AND ($1::timestamptz IS NULL OR e.occurred_at >= $1) AND ($2::timestamptz IS NULL OR e.occurred_at < $2)
        ORDER BY e.id LIMIT 1`,
      [range.from ?? null, range.to ?? null],
    );
    return row?.id;
  }

  /** First and last chain positions whose events fall in the range (by the time they occurred). */
  private async seqBounds(range: VerifyRange): Promise<[bigint | null, bigint | null]> {
    if (!range.from && !range.to) {
      const [row] = await this.dataSource.query(`SELECT min(seq)::text AS first, max(seq)::text AS last FROM audit_chain`);
      return [row.first === null ? null : BigInt(row.first), row.last === null ? null : BigInt(row.last)];
    }
    // Links whose event is gone cannot be placed in time; the positions around them still bound the range.
    const [row] = await this.dataSource.query(
      `SELECT min(c.seq)::text AS first, max(c.seq)::text AS last
         FROM audit_chain c JOIN audit_events e ON e.id = c.event_id
        WHERE ($1::timestamptz IS NULL OR e.occurred_at >= $1) AND ($2::timestamptz IS NULL OR e.occurred_at < $2)`,
      [range.from ?? null, range.to ?? null],
    );
    return [row.first === null ? null : BigInt(row.first), row.last === null ? null : BigInt(row.last)];
  }

  /** The stored hash of the link before `seq`, which the range starts from. */
  private async hashBefore(seq: bigint): Promise<string> {
    if (seq <= 1n) return GENESIS_HASH;
    const [row] = await this.dataSource.query(`SELECT hash FROM audit_chain WHERE seq < $1 ORDER BY seq DESC LIMIT 1`, [seq.toString()]);
    return row?.hash ?? GENESIS_HASH;
  }

  private async page(fromSeq: bigint, toSeq: bigint): Promise<(AuditChainLink & { event: AuditEvent | null })[]> {
    const links = await this.dataSource
      .getRepository(AuditChainLink)
      .createQueryBuilder('c')
      .where('c.seq >= :fromSeq AND c.seq <= :toSeq', { fromSeq: fromSeq.toString(), toSeq: toSeq.toString() })
      .orderBy('c.seq', 'ASC')
      .limit(PAGE)
      .getMany();
    if (links.length === 0) return [];
    const events = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: links.map((link) => link.eventId) })
      .getMany();
    const byId = new Map(events.map((event) => [event.id, event]));
    return links.map((link) => Object.assign(link, { event: byId.get(link.eventId) ?? null }));
  }
}
