import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Compliance exports: their status and progress, and their files in ordered chunks. */

export class AddExports1795808407296 implements MigrationInterface {
  name = 'AddExports1795808407296';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "exports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "format" text NOT NULL,
                "filter" jsonb NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "progress" integer NOT NULL DEFAULT '0',
                "rows_done" integer NOT NULL DEFAULT '0',
                "rows_total" integer,
                "requested_by" text NOT NULL,
                "error" text,
                "size_bytes" bigint,
                "sha256" character(64),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP(3) WITH TIME ZONE,
                "finished_at" TIMESTAMP(3) WITH TIME ZONE,
                "expires_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "ck_exports_status" CHECK (
                    "status" IN ('queued', 'running', 'done', 'failed', 'expired')
                ),
                CONSTRAINT "ck_exports_format" CHECK ("format" IN ('pdf', 'csv')),
                CONSTRAINT "ck_exports_kind" CHECK (
                    "kind" IN ('audit_log', 'request_register', 'case_file')
                ),
                CONSTRAINT "pk_exports" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_exports_expires" ON "exports" ("status", "expires_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "export_chunks" (
                "export_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "pk_export_chunks" PRIMARY KEY ("export_id", "seq")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "export_chunks"
            ADD CONSTRAINT "fk_export_chunks_export" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "exports", "export_chunks" TO prd_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "export_chunks" DROP CONSTRAINT "fk_export_chunks_export"
        `);
    await queryRunner.query(`
            DROP TABLE "export_chunks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_exports_expires"
        `);
    await queryRunner.query(`
            DROP TABLE "exports"
        `);
  }
}
