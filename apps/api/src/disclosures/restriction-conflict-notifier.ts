import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewDisclosure } from '#persistence';

/**
 * Tells every active privacy officer (and admin) in the app when a recorded
 * disclosure breaks an agreed restriction. The notice names the restriction's
 * reference and links to the disclosure: no patient data. Written in the
 * caller's transaction, once per user and disclosure.
 */
@Injectable()
export class RestrictionConflictNotifier {
  async notify(manager: EntityManager, written: readonly (NewDisclosure & { id: string })[]): Promise<void> {
    const flagged = written.filter((row) => row.restrictionConflicts.length > 0);
    if (flagged.length === 0) return;
    const values: unknown[] = [];
    const tuples = flagged.map((row) => {
      const references = row.restrictionConflicts.map((conflict) => conflict.reference).join(', ');
      values.push(
        `disclosure:${row.id}:restriction_conflict`,
        `A recorded disclosure conflicts with an agreed restriction (${references}). Review it.`,
        `/api/v1/disclosures/${row.id}`,
      );
      return `($${values.length - 2}, $${values.length - 1}, $${values.length})`;
    });
    await manager.query(
      `INSERT INTO notifications (user_id, kind, key, subject, link)
       SELECT u.id, 'disclosure.restriction_conflict', n.key, n.subject, n.link
         FROM (VALUES ${tuples.join(', ')}) AS n (key, subject, link)
         CROSS JOIN users u
        WHERE u.active AND u.roles && ARRAY['privacy_officer', 'admin']::text[]
       ON CONFLICT (user_id, key) DO NOTHING`,
      values,
    );
  }
}
