import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues new audit events for the sealer once per INSERT statement (a
 * transition table) instead of once per row: an import writes a thousand
 * events in one statement, and a row trigger made that a thousand more
 * statements. What is queued is the same.
 */
export class QueueAuditEventsPerStatement1795806900000 implements MigrationInterface {
  name = 'QueueAuditEventsPerStatement1795806900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "trg_audit_events_queue" ON "audit_events"`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_queue_for_sealing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (event_id) SELECT id FROM new_events;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "trg_audit_events_queue" AFTER INSERT ON "audit_events"
      REFERENCING NEW TABLE AS new_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_queue_for_sealing()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "trg_audit_events_queue" ON "audit_events"`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_queue_for_sealing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (event_id) VALUES (NEW.id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER "trg_audit_events_queue" AFTER INSERT ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_queue_for_sealing()`);
  }
}
