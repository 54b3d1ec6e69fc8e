import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, auditInsert, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import {
  DomainError,
  MACHINES,
  decodeCursor,
  encodeCursor,
  calendarDateIn,
  computeDeadline,
  explainDeadline,
  intakeProblems,
  isSubsequentAccounting,
  type Clock,
  type RequestType,
} from '#domain';
import { outboxInsert } from '#jobs';
import {
  NEXT_REFERENCE_NUMBER,
  RequestEvent,
  RequestRecord,
  RequestsRepository,
  referenceFor,
  type ListCursor,
  type RequestFilter,
  type User,
} from '#persistence';
import { PatientsService } from '../patients/patients.service.js';
import type { CreateRequestDto } from './dto/create-request.dto.js';
import { CLOCK } from './clock.provider.js';
import { deadlineWatch } from './deadline-watch.js';
import { requestFollowUps } from './request-follow-ups.js';
import { RequestLetters } from './request-letters.js';
import { stateOf } from './request-facts.js';

export interface RequestView {
  request: RequestRecord;
  events: RequestEvent[];
  /** How the due date was computed, in words (the rules that applied and the one that governs). */
  deadlineExplanation: string[];
}

/** Intake, lists and reads of requests; reads of patient data are audited. */
@Injectable()
export class RequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RequestsRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly letters: RequestLetters,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records a request received by the clinic: the legal clock starts at
   * `receivedAt`, counted in the organisation's calendar days.
   */
  async create(
    context: AuditContext,
    input: CreateRequestDto,
    portal: { statusTokenHash?: string; idempotencyKey?: string } = {},
  ): Promise<RequestView> {
    const now = this.clock.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    const errors = intakeProblems(input.type, input.details);
    if (receivedAt.getTime() > now.getTime() + 60_000) errors.push({ field: 'receivedAt', message: 'receivedAt cannot be in the future' });
    if (input.patientId && input.patient) errors.push({ field: 'patient', message: 'give patientId or patient, not both' });
    if (!input.patientId && !input.patient && input.type !== 'notice_copy' && input.type !== 'complaint') {
      errors.push({ field: 'patientId', message: 'patientId or patient is required for this request type' });
    }
    if (!input.patientId && !input.patient && !input.requester?.name) {
      errors.push({
        field: 'requester.name',
        message: 'name the requester when the request is not tied to a patient (letters must be addressed)',
      });
    } else if (input.requester && input.requester.type !== 'individual' && !input.requester.name) {
      errors.push({ field: 'requester.name', message: 'name is required when someone other than the patient asks' });
    }
    if (input.requester?.type === 'personal_representative' && !input.requester.authority) {
      errors.push({ field: 'requester.authority', message: 'a personal representative’s authority is required (45 CFR 164.502(g))' });
    }
    if (errors.length) throw new DomainError('INVALID_INPUT', 'the request is not valid', errors);

    const timeZone = this.config.organisation.timeZone;
    const type = input.type as RequestType;
    const details: Record<string, unknown> = { ...input.details };
    const deadline = computeDeadline({
      type,
      receivedAt,
      timeZone,
      jurisdiction: this.config.organisation.jurisdiction,
      overlays: this.config.deadlines.overlays,
      accessScope: type === 'access' ? (details.accessType as 'inspect' | 'copy' | 'both') : null,
    });
    const machine = MACHINES[type];

    // A new patient and the request are two writes: a transaction. Otherwise the request, its first
    // timeline event, audit event and outbox rows are one statement, atomic by itself, and intake is
    // one read and one write instead of eight round trips (BEGIN, check, sequence, inserts, COMMIT):
    // the bench's profile put a quarter of intake's CPU in socket writes.
    const receive = async (manager: EntityManager): Promise<RequestView> => {
      let patientId = input.patientId ?? null;
      if (input.patient) patientId = (await this.patients.create(context, input.patient, manager)).id;
      await this.addSystemDetails(manager, type, patientId, deadline.receivedOn, details);
      const saved = manager.getRepository(RequestRecord).create({
        id: randomUUID(),
        type,
        status: machine.initial,
        open: true,
        patientId,
        requester: input.requester ?? { type: 'individual' },
        channel: input.channel,
        language: input.language ?? 'en',
        receivedAt,
        receivedOn: deadline.receivedOn,
        dueOn: deadline.dueOn,
        dueAt: deadline.dueAt,
        originalDueOn: deadline.dueOn,
        originalDueAt: deadline.dueAt,
        extensionMaxOn: deadline.extensionMaxOn,
        extended: false,
        assigneeId: null,
        closedAt: null,
        retainUntil: null,
        deadlineRule: deadline.ruleId,
        deadlineKind: deadline.kind,
        details,
        decision: {},
        identity: { verified: false },
        version: 1,
        createdBy: context.actor,
        statusTokenHash: portal.statusTokenHash ?? null,
        idempotencyKey: portal.idempotencyKey ?? null,
        createdAt: now,
        updatedAt: now,
      });
      const event = { version: 1, action: 'receive', data: {}, occurredOn: deadline.receivedOn };
      // The letter's sources prove the patient exists; the reference number comes in the same round trip.
      const sources = await this.letters.loadSources(manager, saved, event, NEXT_REFERENCE_NUMBER);
      if (patientId && !sources.patient) {
        throw new DomainError('INVALID_INPUT', 'no such patient', [{ field: 'patientId', message: 'patientId names no patient' }]);
      }
      saved.reference = referenceFor(deadline.receivedOn, String(sources.also.reference_number));
      const acknowledgement = { kind: 'letter' as const, template: type === 'complaint' ? 'complaint_acknowledgement' : 'acknowledgement' };
      const letters = await this.letters.plan(manager, saved, [acknowledgement], event, sources);
      const effects = [
        acknowledgement,
        { kind: 'watch_deadline' },
        ...letters.skipped.map((skip) => ({ kind: 'letter_skipped', ...skip })),
      ];
      const received = manager.getRepository(RequestEvent).create({
        requestId: saved.id,
        version: 1,
        action: 'receive',
        fromStatus: null,
        toStatus: machine.initial,
        actor: context.actor,
        occurredAt: now,
        data: { channel: input.channel, deadlineRule: deadline.ruleId },
        requestState: stateOf(saved) as never,
        effects,
        dedupeKey: null,
      });
      const audit = auditInsert(context, [
        {
          action: 'request.create',
          targetType: 'request',
          targetId: saved.id,
          patientId,
          details: { type, deadlineRule: deadline.ruleId },
        },
      ]);
      const outbox = outboxInsert([
        deadlineWatch(saved.id, deadline.dueOn, deadline.dueAt),
        ...letters.jobs,
        ...requestFollowUps(saved, 1, 'received'),
      ]);
      const insert = this.repository.insertStatement(manager, saved);
      const [written] = (await manager.query(
        `WITH request AS (${insert.sql('$1')}),
              event AS (
                INSERT INTO request_events (request_id, version, action, from_status, to_status, actor, occurred_at, data, request_state, effects)
                SELECT request.id, 1, 'receive', NULL, $2, $3, $4, $5, $6, $7 FROM request RETURNING id),
              audit AS (${audit.sql('$8')}),
              outbox AS (${outbox.sql('$9')})
         SELECT id FROM event`,
        [
          insert.value,
          received.toStatus,
          received.actor,
          now,
          JSON.stringify(received.data),
          JSON.stringify(received.requestState),
          JSON.stringify(effects),
          audit.value,
          outbox.value,
        ],
      )) as { id: string }[];
      received.id = written.id;
      // The answer is built from what was written, so once it is stored the answer is there: a
      // second read could fail after the write succeeded (a lost connection), a 503 for a stored
      // request that a client would send again. The create's own audit event covers what the
      // creator is shown.
      return { request: saved, events: [received], deadlineExplanation: this.explain(saved) };
    };
    return input.patient ? this.dataSource.transaction(receive) : receive(this.dataSource.manager);
  }

  /** Facts only the system knows: whether an accounting is a repeat within 12 months, the kind of organisation. */
  private async addSystemDetails(
    manager: EntityManager,
    type: RequestType,
    patientId: string | null,
    receivedOn: string,
    details: Record<string, unknown>,
  ) {
    if (type === 'accounting') {
      const prior: { providedOn: string; feeCents: number }[] = patientId
        ? await manager.query(
            `SELECT coalesce(decision->>'providedOn', to_char(closed_at, 'YYYY-MM-DD')) AS "providedOn",
                    coalesce((decision->>'feeCents')::int, 0) AS "feeCents"
               FROM requests WHERE patient_id = $1 AND type = 'accounting' AND status = 'provided'`,
            [patientId],
          )
        : [];
      details.subsequentWithinTwelveMonths = isSubsequentAccounting(receivedOn, prior);
    }
    if (type === 'confidential_communication') details.organisationKind = this.config.organisation.kind;
  }

  async list(context: AuditContext, user: User, filter: Omit<RequestFilter, 'cursor' | 'reviewerId'> & { cursor?: string }) {
    const reviewerOnly = !user.roles.some((role) => ['admin', 'privacy_officer', 'auditor'].includes(role));
    const page = await this.repository.list({
      ...filter,
      cursor: filter.cursor ? decodeCursor(filter.cursor, isListCursor) : undefined,
      reviewerId: reviewerOnly ? user.id : undefined,
    });
    // One INSERT, atomic by itself: no BEGIN and COMMIT around it (two round trips on every page).
    await this.audit.recordMany(
      this.dataSource.manager,
      context,
      page.items.length
        ? page.items.map((row) => ({ action: 'request.list', targetType: 'request', targetId: row.id, patientId: row.patientId }))
        : [{ action: 'request.list', targetType: 'request', details: { count: 0 } }],
    );
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
  }

  /** One request with its timeline. A reviewer sees only the requests they review (404 otherwise). */
  async get(context: AuditContext, id: string, user?: User): Promise<RequestView> {
    // Two reads and one audit INSERT, with no transaction around them: its only write is one
    // statement, and under READ COMMITTED each read takes its own snapshot either way.
    return this.readIn(this.dataSource.manager, context, id, user);
  }

  private async readIn(manager: EntityManager, context: AuditContext, id: string, user?: User): Promise<RequestView> {
    const request = await this.repository.findById(id, manager);
    if (!request || (user && !canSee(user, request))) throw new DomainError('NOT_FOUND', 'no such request');
    const events = await manager.getRepository(RequestEvent).find({ where: { requestId: id }, order: { id: 'ASC' } });
    await this.audit.record(manager, context, {
      action: 'request.read',
      targetType: 'request',
      targetId: id,
      patientId: request.patientId,
    });
    return { request, events, deadlineExplanation: this.explain(request) };
  }

  /** The deadline as computed at intake, explained; an extension is added as its own sentence. */
  explain(request: RequestRecord): string[] {
    const deadline = computeDeadline({
      type: request.type as RequestType,
      receivedAt: request.receivedAt,
      timeZone: this.config.organisation.timeZone,
      jurisdiction: this.config.organisation.jurisdiction,
      overlays: this.config.deadlines.overlays,
      accessScope: request.type === 'access' ? ((request.details.accessType as 'inspect' | 'copy' | 'both' | undefined) ?? null) : null,
    });
    const lines = explainDeadline(deadline);
    if (request.extended) lines.push(`Extended once, in writing, to ${request.dueOn}.`);
    return lines;
  }

  /** Today's date in the organisation's zone, for responses. */
  today(): string {
    return calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
  }
}

/** Reviewers decide access-denial reviews assigned to them, nothing else. */
export function canSee(user: User, request: RequestRecord): boolean {
  if (user.roles.some((role) => ['admin', 'privacy_officer', 'auditor'].includes(role))) return true;
  return user.roles.includes('reviewer') && request.decision.reviewerId === user.id;
}

function isListCursor(value: unknown): value is ListCursor {
  const cursor = value as Partial<{ phase: string; dueAt: string; closedAt: string; id: string }> | null;
  const instant = cursor?.phase === 'open' ? cursor.dueAt : cursor?.phase === 'closed' ? cursor.closedAt : undefined;
  return (
    typeof instant === 'string' && !Number.isNaN(Date.parse(instant)) && typeof cursor?.id === 'string' && /^[0-9a-f-]{36}$/.test(cursor.id)
  );
}
