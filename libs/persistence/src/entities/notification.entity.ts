import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity.js';

/**
 * An in-app notice to one staff user. Carries no patient data: a kind, a
 * plain subject, and a link to what needs attention. One per user and key,
 * so a retried writer notifies once.
 */
@Entity({ name: 'notifications' })
@Unique('uq_notifications_user_key', ['userId', 'key'])
@Index('ix_notifications_user_created', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notifications' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: User;

  /** What happened, e.g. `disclosure.restriction_conflict`. */
  @Column({ type: 'text' })
  kind: string;

  /** Idempotency key: the same event notifies a user once. */
  @Column({ type: 'text' })
  key: string;

  /** Plain words, no PHI. */
  @Column({ type: 'text' })
  subject: string;

  /** The API path of what needs attention. */
  @Column({ type: 'text' })
  link: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;
}
