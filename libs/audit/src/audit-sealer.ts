import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditChainLink, AuditEvent } from '#persistence';
import { GENESIS_HASH, linkHash } from './hash-chain.js';

/** Only one sealer in the whole deployment works at a time. */
const SEAL_LOCK = 727_100;
const BATCH = 1_000;

/**
 * Appends unsealed audit events to the hash chain, in the order they are
 * found. Writers never wait for it: they insert unchained rows, and this runs
 * every second in the worker, guarded by a transaction-scoped advisory lock so
 * concurrent sealers cannot fork the chain.
 */
@Injectable()
export class AuditSealer {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seals everything pending; returns how many events were sealed. */
  async sealPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.dataSource.transaction((manager) => this.sealBatch(manager));
      if (sealed < 0) return total; // another sealer holds the lock: it will do the work
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private async sealBatch(manager: EntityManager): Promise<number> {
    const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
    if (!locked) return -1;
    const pending: { event_id: string }[] = await manager.query(`SELECT event_id FROM audit_pending ORDER BY event_id LIMIT $1`, [BATCH]);
    if (pending.length === 0) return 0;
    const ids = pending.map((row) => row.event_id);
    const events = await manager
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids })
      .orderBy('e.id')
      .getMany();
    const last = await manager.getRepository(AuditChainLink).createQueryBuilder('c').orderBy('c.seq', 'DESC').limit(1).getOne();
    let seq = BigInt(last?.seq ?? '0');
    let prevHash = last?.hash ?? GENESIS_HASH;
    const links = events.map((event) => {
      seq += 1n;
      const link = { seq: seq.toString(), eventId: event.id, prevHash, hash: linkHash(seq.toString(), prevHash, event) };
      prevHash = link.hash;
      return link;
    });
    await manager.insert(AuditChainLink, links);
    await manager.query(`DELETE FROM audit_pending WHERE event_id = ANY($1::bigint[])`, [ids]);
    return ids.length;
  }
}
