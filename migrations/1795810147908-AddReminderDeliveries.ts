import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What reminders and emails went out, one row per key, so none is sent twice. */

export class AddReminderDeliveries1795810147908 implements MigrationInterface {
  name = 'AddReminderDeliveries1795810147908';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "email_deliveries" (
                "key" text NOT NULL,
                "message_id" text NOT NULL,
                "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_email_deliveries" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_deliveries" (
                "request_id" uuid NOT NULL,
                "key" text NOT NULL,
                "step" text NOT NULL,
                "due_on" date NOT NULL,
                "audience" text NOT NULL,
                "recipients" integer NOT NULL,
                "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_reminder_deliveries" PRIMARY KEY ("request_id", "key")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_deliveries"
            ADD CONSTRAINT "fk_reminder_deliveries_request" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`GRANT SELECT, INSERT ON "reminder_deliveries", "email_deliveries" TO prd_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "fk_reminder_deliveries_request"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_deliveries"
        `);
    await queryRunner.query(`
            DROP TABLE "email_deliveries"
        `);
  }
}
