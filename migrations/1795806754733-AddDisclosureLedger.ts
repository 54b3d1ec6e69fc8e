import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosure ledger (append-only: a trigger refuses UPDATE, DELETE and
 * TRUNCATE; corrections are new rows), accounting suspensions, the snapshot
 * of each accounting provided, and in-app notifications for staff.
 */

export class AddDisclosureLedger1795806754733 implements MigrationInterface {
  name = 'AddDisclosureLedger1795806754733';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "accounting_snapshots" (
                "request_id" uuid NOT NULL,
                "request_version" integer NOT NULL,
                "period_from" date NOT NULL,
                "period_to" date NOT NULL,
                "entries" jsonb NOT NULL,
                "withheld_for_suspension" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_accounting_snapshots" PRIMARY KEY ("request_id", "request_version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "accounting_suspensions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "patient_id" uuid,
                "agency" text NOT NULL,
                "statement" text NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "written_confirmed_on" date,
                "reason" text NOT NULL,
                "recorded_by" text NOT NULL,
                "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_accounting_suspensions_period" CHECK ("starts_on" <= "ends_on"),
                CONSTRAINT "ck_accounting_suspensions_statement" CHECK ("statement" IN ('written', 'oral')),
                CONSTRAINT "pk_accounting_suspensions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_accounting_suspensions_patient" ON "accounting_suspensions" ("patient_id", "ends_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "disclosures" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "patient_id" uuid NOT NULL,
                "disclosed_on" date NOT NULL,
                "recipient_name" text NOT NULL,
                "recipient_address" text,
                "recipient_agency" text,
                "description" text NOT NULL,
                "purpose" text NOT NULL,
                "category" text NOT NULL,
                "made_by" text NOT NULL DEFAULT 'clinic',
                "source_system" text NOT NULL,
                "source_id" text,
                "supersedes_id" uuid,
                "correction_reason" text,
                "voided" boolean NOT NULL DEFAULT false,
                "restriction_conflicts" jsonb NOT NULL DEFAULT '[]',
                "recorded_by" text NOT NULL,
                "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_disclosures_supersedes" UNIQUE ("supersedes_id"),
                CONSTRAINT "uq_disclosures_source" UNIQUE ("source_system", "source_id"),
                CONSTRAINT "ck_disclosures_correction_reason" CHECK (
                    "supersedes_id" IS NULL
                    OR "correction_reason" IS NOT NULL
                ),
                CONSTRAINT "pk_disclosures" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_disclosures_patient_disclosed_on" ON "disclosures" ("patient_id", "disclosed_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "key" text NOT NULL,
                "subject" text NOT NULL,
                "link" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "uq_notifications_user_key" UNIQUE ("user_id", "key"),
                CONSTRAINT "pk_notifications" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_user_created" ON "notifications" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "accounting_snapshots"
            ADD CONSTRAINT "fk_accounting_snapshots_request" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "accounting_suspensions"
            ADD CONSTRAINT "fk_accounting_suspensions_patient" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures"
            ADD CONSTRAINT "fk_disclosures_patient" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures"
            ADD CONSTRAINT "fk_disclosures_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "disclosures"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION disclosures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'disclosures are append-only: % is refused; record a correction instead', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`
            CREATE TRIGGER "trg_disclosures_append_only" BEFORE UPDATE OR DELETE ON "disclosures"
            FOR EACH ROW EXECUTE FUNCTION disclosures_refuse_change()`);
    await queryRunner.query(`
            CREATE TRIGGER "trg_disclosures_no_truncate" BEFORE TRUNCATE ON "disclosures"
            FOR EACH STATEMENT EXECUTE FUNCTION disclosures_refuse_change()`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "disclosures", "accounting_snapshots" TO prd_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "accounting_suspensions", "notifications" TO prd_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures" DROP CONSTRAINT "fk_disclosures_supersedes"
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures" DROP CONSTRAINT "fk_disclosures_patient"
        `);
    await queryRunner.query(`
            ALTER TABLE "accounting_suspensions" DROP CONSTRAINT "fk_accounting_suspensions_patient"
        `);
    await queryRunner.query(`
            ALTER TABLE "accounting_snapshots" DROP CONSTRAINT "fk_accounting_snapshots_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_user_created"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_disclosures_patient_disclosed_on"
        `);
    await queryRunner.query(`
            DROP TABLE "disclosures"
        `);
    await queryRunner.query(`DROP FUNCTION disclosures_refuse_change()`);
    await queryRunner.query(`
            DROP INDEX "public"."ix_accounting_suspensions_patient"
        `);
    await queryRunner.query(`
            DROP TABLE "accounting_suspensions"
        `);
    await queryRunner.query(`
            DROP TABLE "accounting_snapshots"
        `);
  }
}
