import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { MACHINES, type RequestType } from '#domain';
import type { JobPayloads } from '#jobs';
import { RequestEvent, RequestRecord } from '#persistence';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';

/**
 * Jobs of the `deadlines` queue. `deadline.check` runs just after a due date
 * ends: if the request is still owed with that same due date, its timeline
 * says so, once (the event's dedupe key), and the audit log records it.
 * Anything else (closed, extended, moved on) makes the job a no-op.
 */
@Injectable()
export class DeadlinesProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  readonly handlers = {
    'deadline.check': async ({ requestId, dueOn }: JobPayloads['deadline.check']): Promise<JobOutcome> =>
      this.dataSource.transaction(async (manager) => {
        const request = await manager.getRepository(RequestRecord).findOneBy({ id: requestId });
        if (!request) return { status: 'skipped', why: 'gone' };
        const clock = MACHINES[request.type as RequestType]?.states[request.status]?.clock;
        if (!request.open || clock !== 'running') return { status: 'skipped', why: 'answered' };
        if (request.dueOn !== dueOn) return { status: 'skipped', why: 'due date moved' };
        if (request.dueAt.getTime() > Date.now()) return { status: 'skipped', why: 'not due yet' };
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(RequestEvent)
          .values({
            requestId,
            version: request.version,
            action: 'deadline_passed',
            fromStatus: request.status,
            toStatus: request.status,
            actor: 'system:deadlines',
            occurredAt: new Date(),
            data: { dueOn } as never,
            effects: [],
            dedupeKey: `overdue:${requestId}:${dueOn}`,
          })
          .orIgnore()
          .execute();
        if ((inserted.raw as unknown[]).length === 0) return { status: 'skipped', why: 'already recorded' };
        await this.audit.record(
          manager,
          { actor: 'system:deadlines' },
          {
            action: 'request.overdue',
            targetType: 'request',
            targetId: requestId,
            patientId: request.patientId,
            details: { dueOn },
          },
        );
        return { status: 'done' };
      }),
  };
}
