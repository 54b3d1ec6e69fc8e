import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters: the organisation profile they are written from, the versions of
 * the notice of privacy practices, and the documents themselves (immutable:
 * a trigger refuses UPDATE and DELETE). Requests get the language of their
 * letters. Generated, then reviewed: the trigger and grants are by hand.
 */

export class AddDocumentsAndOrganisation1795800540946 implements MigrationInterface {
  name = 'AddDocumentsAndOrganisation1795800540946';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "request_id" uuid NOT NULL,
                "template" text NOT NULL,
                "template_version" integer NOT NULL,
                "request_version" integer NOT NULL,
                "language" text NOT NULL,
                "title" text NOT NULL,
                "content_type" text NOT NULL DEFAULT 'application/pdf',
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "content" bytea NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_documents_request_template_version" UNIQUE ("request_id", "template", "request_version"),
                CONSTRAINT "pk_documents" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_documents_request" ON "documents" ("request_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation_profile" (
                "id" integer NOT NULL DEFAULT '1',
                "legal_name" text NOT NULL,
                "address" jsonb NOT NULL,
                "privacy_officer" jsonb NOT NULL,
                "complaints_address" jsonb,
                "hhs" jsonb NOT NULL,
                "language_default" text NOT NULL DEFAULT 'en',
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by" text NOT NULL,
                CONSTRAINT "ck_organisation_profile_single_row" CHECK ("id" = 1),
                CONSTRAINT "pk_organisation_profile" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "privacy_notices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" text NOT NULL,
                "effective_on" date NOT NULL,
                "language" text NOT NULL,
                "sections" jsonb NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_privacy_notices_version_language" UNIQUE ("version", "language"),
                CONSTRAINT "pk_privacy_notices" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "requests"
            ADD "language" text NOT NULL DEFAULT 'en'
        `);
    await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "fk_documents_request" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION documents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'documents are immutable: % is refused; make a new version instead', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`
            CREATE TRIGGER "trg_documents_immutable" BEFORE UPDATE OR DELETE ON "documents"
            FOR EACH ROW EXECUTE FUNCTION documents_refuse_change()`);
    await queryRunner.query(`
            CREATE TRIGGER "trg_documents_no_truncate" BEFORE TRUNCATE ON "documents"
            FOR EACH STATEMENT EXECUTE FUNCTION documents_refuse_change()`);
    // The request as it stood after each event, so letters are written from that version.
    await queryRunner.query(`ALTER TABLE "request_events" ADD "request_state" jsonb`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "documents", "privacy_notices" TO prd_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "organisation_profile" TO prd_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "fk_documents_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "requests" DROP COLUMN "language"
        `);
    await queryRunner.query(`
            DROP TABLE "privacy_notices"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation_profile"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_documents_request"
        `);
    await queryRunner.query(`
            DROP TABLE "documents"
        `);
    await queryRunner.query(`DROP FUNCTION documents_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "request_events" DROP COLUMN "request_state"`);
  }
}
