import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox and the worker heartbeat it carries end to end. */
export class CreateOutbox1795795200000 implements MigrationInterface {
  name = 'CreateOutbox1795795200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "outbox_messages" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "queue" text NOT NULL,
        "job_name" text NOT NULL,
        "payload" jsonb NOT NULL,
        "job_id" text NOT NULL,
        "run_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "dispatched_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_outbox_messages" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" ("id") WHERE dispatched_at IS NULL`);
    await db.query(`
      CREATE TABLE "worker_heartbeats" (
        "worker_id" text NOT NULL,
        "beat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_worker_heartbeats" PRIMARY KEY ("worker_id")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "worker_heartbeats"`);
    await db.query(`DROP TABLE "outbox_messages"`);
  }
}
