import type { EntityManager } from 'typeorm';
import type { ReminderAudience } from '#domain';

/**
 * Who gets a reminder: the assignee (or, with no active assignee, every privacy officer),
 * every privacy officer, or every admin. Active staff only.
 */
export async function reminderRecipients(manager: EntityManager, audience: ReminderAudience, assigneeId: string | null): Promise<string[]> {
  if (audience === 'assignee' && assigneeId) {
    const rows = (await manager.query(`SELECT id FROM users WHERE id = $1 AND active`, [assigneeId])) as { id: string }[];
    if (rows.length) return rows.map((row) => row.id);
  }
  const role = audience === 'admins' ? 'admin' : 'privacy_officer';
  const rows = (await manager.query(`SELECT id FROM users WHERE active AND $1 = ANY(roles) ORDER BY id`, [role])) as { id: string }[];
  return rows.map((row) => row.id);
}
