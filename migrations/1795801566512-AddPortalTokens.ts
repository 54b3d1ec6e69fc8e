import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The patient portal: a hashed status token per request, and the form's idempotency key. */

export class AddPortalTokens1795801566512 implements MigrationInterface {
  name = 'AddPortalTokens1795801566512';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "requests"
            ADD "status_token_hash" character(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "requests"
            ADD "idempotency_key" text
        `);
    await queryRunner.query(`
            ALTER TABLE "requests"
            ADD CONSTRAINT "uq_requests_idempotency_key" UNIQUE ("idempotency_key")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "requests" DROP CONSTRAINT "uq_requests_idempotency_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "requests" DROP COLUMN "idempotency_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "requests" DROP COLUMN "status_token_hash"
        `);
  }
}
