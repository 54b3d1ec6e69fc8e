import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An email handed to the SMTP server, once per key: a retried job finds it here and sends nothing. */
@Entity({ name: 'email_deliveries' })
export class EmailDelivery {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_email_deliveries' })
  key: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz', precision: 3 })
  sentAt: Date;
}
