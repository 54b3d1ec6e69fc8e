import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MACHINES, performersOf, type Actor, type RequestType } from '#domain';
import type { RequestEvent, RequestRecord, Requester } from '#persistence';

export class TimelineEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty({ example: 'deny' }) action: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ example: 'user:6f1c…' }) actor: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Letters required and deadline changes caused by the action.' })
  effects: unknown[];

  static from(event: RequestEvent): TimelineEventResponse {
    return {
      id: event.id,
      version: event.version,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actor,
      occurredAt: event.occurredAt.toISOString(),
      data: event.data,
      effects: event.effects,
    };
  }
}

/** A request as every response carries it (api.md: Requests). */
export class RequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PR-2026-000123' }) reference: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'The status in the patient’s words.' }) statusText: string;
  @ApiProperty({ description: 'True while the clinic still owes work on it.' }) open: boolean;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) patientId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) requester: Requester;
  @ApiProperty() channel: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ format: 'date-time', description: 'The deadline in force: end of dueOn in the organisation’s time zone.' }) dueAt: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ format: 'date-time' }) originalDueAt: string;
  @ApiProperty() extended: boolean;
  @ApiProperty({ description: 'Open and past its due date.' }) overdue: boolean;
  @ApiProperty({
    description: 'Rule that set the deadline, whether it is law or clinic policy, and (in the detail) how the date was computed, in words.',
  })
  deadline: { rule: string; kind: string; extensionMaxOn: string | null; explanation?: string[] };
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) assigneeId: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) decision?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) identity?: Record<string, unknown>;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({
    format: 'date',
    type: String,
    nullable: true,
    description: 'Keep until (45 CFR 164.530(j)(2)); null while open or in force.',
  })
  retainUntil?: string | null;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Actions you may perform now.' }) allowedActions?: string[];
  @ApiPropertyOptional({ type: TimelineEventResponse, isArray: true }) timeline?: TimelineEventResponse[];

  /** A list row: no details, decision or requester (list columns only). */
  static summary(row: RequestRecord, now: Date): RequestResponse {
    const machine = MACHINES[row.type as RequestType];
    return {
      id: row.id,
      reference: row.reference,
      type: row.type,
      status: row.status,
      statusText: machine?.states[row.status]?.plain ?? row.status,
      open: row.open,
      patientId: row.patientId,
      requester: row.requester,
      channel: row.channel,
      receivedAt: row.receivedAt.toISOString(),
      receivedOn: row.receivedOn,
      dueAt: row.dueAt.toISOString(),
      dueOn: row.dueOn,
      originalDueAt: row.originalDueAt.toISOString(),
      extended: row.extended,
      overdue: row.open && machine?.states[row.status]?.clock === 'running' && row.dueAt.getTime() < now.getTime(),
      deadline: { rule: row.deadlineRule, kind: row.deadlineKind, extensionMaxOn: row.extensionMaxOn },
      assigneeId: row.assigneeId,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
    };
  }

  static detail(row: RequestRecord, events: RequestEvent[], actor: Actor, now: Date, explanation: string[] = []): RequestResponse {
    const machine = MACHINES[row.type as RequestType];
    const performers = performersOf(actor);
    const allowedActions = Object.keys(machine.transitions[row.status] ?? {}).filter((action) =>
      machine.actions[action].by.some((performer) => performers.includes(performer)),
    );
    return {
      ...RequestResponse.summary(row, now),
      deadline: { rule: row.deadlineRule, kind: row.deadlineKind, extensionMaxOn: row.extensionMaxOn, explanation },
      details: row.details,
      decision: row.decision,
      identity: row.identity,
      retainUntil: row.retainUntil,
      allowedActions,
      timeline: events.map(TimelineEventResponse.from),
    };
  }
}

export class RequestPageResponse {
  @ApiProperty({ type: RequestResponse, isArray: true }) items: RequestResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
