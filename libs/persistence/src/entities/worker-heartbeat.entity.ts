import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last heartbeat each worker process completed through the whole
 * outbox → BullMQ → processor path; readiness reports its age.
 */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeat {
  @PrimaryColumn({ name: 'worker_id', type: 'text', primaryKeyConstraintName: 'pk_worker_heartbeats' })
  workerId: string;

  @Column({ name: 'beat_at', type: 'timestamptz' })
  beatAt: Date;
}
