import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff users, and the append-only audit log with its hash chain.
 *
 * audit_events is written in the business transaction, unchained; an AFTER
 * INSERT trigger queues each new row in audit_pending. The sealer (one at a
 * time, under an advisory lock) appends rows to audit_chain in order, each
 * carrying the previous hash and its own. Triggers refuse UPDATE, DELETE and
 * TRUNCATE on both log tables; the application role `prd_app` is granted
 * SELECT and INSERT only there.
 */
export class CreateUsersAndAudit1795798800000 implements MigrationInterface {
  name = 'CreateUsersAndAudit1795798800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "roles" text array NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "licence" jsonb,
        "password_hash" text NOT NULL,
        "token_version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_users" PRIMARY KEY ("id"),
        CONSTRAINT "uq_users_email" UNIQUE ("email")
      )`);

    await db.query(`
      CREATE TABLE "audit_events" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "target_type" text NOT NULL,
        "target_id" text,
        "patient_id" uuid,
        "outcome" text NOT NULL,
        "client_address" text,
        "request_id" text,
        "details" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events" ("occurred_at", "id")`);
    await db.query(`CREATE INDEX "ix_audit_events_patient_id" ON "audit_events" ("patient_id", "id")`);
    await db.query(`CREATE INDEX "ix_audit_events_actor" ON "audit_events" ("actor", "id")`);

    await db.query(`
      CREATE TABLE "audit_pending" (
        "event_id" bigint NOT NULL,
        CONSTRAINT "pk_audit_pending" PRIMARY KEY ("event_id")
      )`);

    await db.query(`
      CREATE TABLE "audit_chain" (
        "seq" bigint NOT NULL,
        "event_id" bigint NOT NULL,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_chain" PRIMARY KEY ("seq"),
        CONSTRAINT "uq_audit_chain_event_id" UNIQUE ("event_id")
      )`);

    await db.query(`
      CREATE FUNCTION audit_queue_for_sealing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (event_id) VALUES (NEW.id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER "trg_audit_events_queue" AFTER INSERT ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_queue_for_sealing()`);

    await db.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_events', 'audit_chain']) {
      await db.query(`
        CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
      await db.query(`
        CREATE TRIGGER "trg_${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    }

    // The role the application should log in as in production (see README: Security).
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'prd_app') THEN CREATE ROLE prd_app NOLOGIN; END IF;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO prd_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "users", "outbox_messages", "worker_heartbeats", "audit_pending" TO prd_app`);
    await db.query(`GRANT SELECT, INSERT ON "audit_events", "audit_chain" TO prd_app`);
    await db.query(`GRANT SELECT ON "schema_migrations" TO prd_app`);
    await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO prd_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_chain"`);
    await db.query(`DROP TABLE "audit_pending"`);
    await db.query(`DROP TABLE "audit_events"`);
    await db.query(`DROP FUNCTION audit_refuse_change()`);
    await db.query(`DROP FUNCTION audit_queue_for_sealing()`);
    await db.query(`DROP TABLE "users"`);
  }
}
