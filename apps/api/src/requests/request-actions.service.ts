import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, auditInsert, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import {
  DomainError,
  MACHINES,
  calendarDateIn,
  decide,
  type Actor,
  type Clock,
  type KnownUser,
  type MachineDefinition,
  type RequestType,
} from '#domain';
import { outboxInsert, type OutboxEntry } from '#jobs';
import { RequestEvent, RequestRecord, User } from '#persistence';
import { AccountingLedger } from '../accounting/accounting-ledger.js';
import { CLOCK } from './clock.provider.js';
import { RequestLetters } from './request-letters.js';
import { deadlineWatch } from './deadline-watch.js';
import { newsOfClosing, requestFollowUps } from './request-follow-ups.js';
import { canSee } from './requests.service.js';
import { changedColumns, staffActor, stateOf, toFacts } from './request-facts.js';

/**
 * Performs one action on a request, all or nothing: a version-guarded UPDATE
 * (a stale expectedVersion or a concurrent change gives 409), the timeline
 * event, the audit event and the outbox rows of its effects, in one statement
 * (in a transaction when the action also snapshots the accounting ledger).
 */
@Injectable()
export class RequestActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly letters: RequestLetters,
    private readonly accounting: AccountingLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A staff member acts; they must be able to see the request (reviewers only their reviews). */
  act(context: AuditContext, user: User, id: string, action: string, body: unknown): Promise<void> {
    return this.perform(context, { actor: staffActor(user), canSee: (row) => canSee(user, row) }, id, action, body);
  }

  /** The patient acts through the portal, holding the request's status token (checked by the caller). */
  actAsPatient(context: AuditContext, id: string, action: string, body: unknown): Promise<void> {
    return this.perform(context, { actor: { id: context.actor, kind: 'patient', roles: [] }, canSee: () => true }, id, action, body);
  }

  private async perform(
    context: AuditContext,
    performer: { actor: Actor; canSee: (row: RequestRecord) => boolean },
    id: string,
    action: string,
    body: unknown,
  ): Promise<void> {
    if (!/^[a-z][a-z_]{0,49}$/.test(action)) throw new DomainError('NOT_FOUND', 'no such action');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new DomainError('INVALID_INPUT', 'the body must be a JSON object', [{ field: 'body', message: 'body must be an object' }]);
    }
    const { expectedVersion, ...input } = body as Record<string, unknown>;
    if (
      expectedVersion !== undefined &&
      (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 1)
    ) {
      throw new DomainError('INVALID_INPUT', 'expectedVersion must be a whole number', [
        { field: 'expectedVersion', message: 'expectedVersion must be a positive whole number' },
      ]);
    }
    const now = this.clock.now();
    const timeZone = this.config.organisation.timeZone;
    const today = calendarDateIn(now, timeZone);

    const row = await this.dataSource.getRepository(RequestRecord).findOneBy({ id });
    if (!row || !performer.canSee(row)) throw new DomainError('NOT_FOUND', 'no such request');
    if (expectedVersion !== undefined && row.version !== expectedVersion) throw staleVersion(row.version);
    const machine: MachineDefinition = MACHINES[row.type as RequestType];
    const users = await this.knownUsers(this.dataSource.manager, machine, action, input);
    const decision = decide(machine, toFacts(row), action, input, { now, today, actor: performer.actor, users });
    if (!decision.ok) {
      switch (decision.kind) {
        case 'unknown_action':
          throw new DomainError('NOT_FOUND', decision.message, [], undefined, { code: decision.code });
        case 'forbidden':
          throw new DomainError('FORBIDDEN', decision.message, [], undefined, { code: decision.code });
        case 'invalid_input':
          throw new DomainError('INVALID_INPUT', decision.message, decision.errors ?? []);
        case 'not_allowed':
          throw new DomainError('ACTION_NOT_ALLOWED', decision.message, [], undefined, {
            code: decision.code,
            citation: decision.citation,
          });
      }
    }
    const columns = changedColumns(machine, row, decision, now, today, timeZone);
    const version = row.version + 1;
    const next = { ...row, ...columns } as RequestRecord;
    // An accounting lists the ledger as it stands now, kept with this version for its letter: a
    // write of its own, so that action is a transaction whose UPDATE locks the row first.
    const snapshot = decision.effects.some((effect) => effect.kind === 'letter' && effect.template === 'accounting');

    const write = async (manager: EntityManager) => {
      if (snapshot) {
        // Someone else's action committed between our read and our write: 409.
        if ((await guardedUpdate(manager, id, row.version, columns)) !== 1) throw staleVersion(version);
        await this.accounting.snapshot(manager, next, version);
      }
      // A required letter that cannot be made refuses the action, before anything is written.
      const letters = await this.letters.plan(manager, next, decision.effects, { version, action, data: input, occurredOn: today });
      const jobs: OutboxEntry[] = [...letters.jobs];
      for (const effect of decision.effects) {
        if (effect.kind === 'watch_deadline' && columns.dueOn && columns.dueAt) jobs.push(deadlineWatch(id, columns.dueOn, columns.dueAt));
      }
      const news = action === 'extend' ? 'extended' : decision.closes ? newsOfClosing(decision.to) : null;
      jobs.push(...requestFollowUps(next, version, news));
      const audit = auditInsert(context, [
        {
          action: 'request.action',
          targetType: 'request',
          targetId: id,
          patientId: row.patientId,
          details: { action, from: decision.from, to: decision.to, version },
        },
      ]);
      const outbox = outboxInsert(jobs);
      // Otherwise one statement, atomic by itself: the version-guarded UPDATE, and the timeline event,
      // audit event and outbox rows written only if it matched (a round trip each was most of an
      // action's cost: the bench's profile).
      const update = snapshot ? null : guardedUpdateStatement(manager, id, row.version, columns);
      const values: unknown[] = update ? [...update.values] : [];
      const at = (value: unknown) => `$${values.push(value)}`;
      const onlyIf = update ? 'EXISTS (SELECT 1 FROM updated)' : undefined;
      const [{ updated }] = (await manager.query(
        `WITH ${update ? `updated AS (${update.sql} RETURNING id),` : ''}
           timeline AS (
             INSERT INTO request_events (request_id, version, action, from_status, to_status, actor, occurred_at, data, request_state, effects)
             SELECT ${at(id)}::uuid, ${at(version)}::int, ${at(action)}::text, ${at(decision.from)}::text, ${at(decision.to)}::text,
                    ${at(context.actor)}::text, ${at(now)}::timestamptz, ${at(JSON.stringify(input))}::jsonb,
                    ${at(JSON.stringify(stateOf(next)))}::jsonb,
                    ${at(JSON.stringify([...decision.effects, ...letters.skipped.map((skip) => ({ kind: 'letter_skipped', ...skip }))]))}::jsonb
             ${onlyIf ? `WHERE ${onlyIf}` : ''}),
           audit AS (${audit.sql(at(audit.value), onlyIf)})
           ${jobs.length ? `, outbox AS (${outbox.sql(at(outbox.value), onlyIf)})` : ''}
         SELECT ${update ? '(SELECT count(*) FROM updated)' : '1'}::int AS updated`,
        values,
      )) as { updated: number }[];
      if (updated !== 1) throw staleVersion(version);
    };
    await (snapshot ? this.dataSource.transaction(write) : write(this.dataSource.manager));
  }

  /** Assigns the request to a staff member (or no one), version-checked like an action. */
  async assign(context: AuditContext, id: string, assigneeId: string | null, expectedVersion?: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(RequestRecord).findOneBy({ id });
      if (!row) throw new DomainError('NOT_FOUND', 'no such request');
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw staleVersion(row.version);
      if (assigneeId && !(await manager.getRepository(User).existsBy({ id: assigneeId, active: true }))) {
        throw new DomainError('INVALID_INPUT', 'no such active staff user', [
          { field: 'assigneeId', message: 'assigneeId is not an active staff user' },
        ]);
      }
      const updated = await manager
        .createQueryBuilder()
        .update(RequestRecord)
        .set({ assigneeId, version: () => 'version + 1' } as never)
        .where('id = :id AND version = :version', { id, version: row.version })
        .execute();
      if (updated.affected !== 1) throw staleVersion(row.version + 1);
      await manager.getRepository(RequestEvent).insert({
        requestId: id,
        version: row.version + 1,
        action: 'assign',
        fromStatus: row.status,
        toStatus: row.status,
        actor: context.actor,
        occurredAt: this.clock.now(),
        data: { assigneeId } as unknown as Record<string, never>,
        effects: [],
      });
      await this.audit.record(manager, context, {
        action: 'request.assign',
        targetType: 'request',
        targetId: id,
        patientId: row.patientId,
        details: { assigneeId },
      });
    });
  }

  /** The staff users an action's input names, looked up so that decide() can stay pure. */
  private async knownUsers(manager: DataSource['manager'], machine: MachineDefinition, action: string, input: Record<string, unknown>) {
    const fields = Object.entries(machine.actions[action]?.input ?? {}).filter(([, spec]) => spec.type === 'uuid' && spec.ref === 'user');
    const ids = fields
      .map(([field]) => input[field])
      .filter((value): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value));
    if (ids.length === 0) return {};
    const users = await manager.getRepository(User).findBy({ id: In(ids) });
    return Object.fromEntries(
      users.map((user) => [user.id, { roles: user.roles, licensed: user.licence !== null, active: user.active } satisfies KnownUser]),
    );
  }
}

function staleVersion(current: number): DomainError {
  return new DomainError('STALE_VERSION', `the request changed meanwhile (now version ${current}); reload and try again`, [], undefined, {
    code: 'STALE_VERSION',
  });
}

/**
 * `UPDATE requests SET … , version = version + 1 WHERE id = $1 AND version = $2`
 * as plain SQL (the hot path of every action), with its values: it changes no
 * row when the version moved on.
 */
function guardedUpdateStatement(
  manager: EntityManager,
  id: string,
  version: number,
  columns: Partial<RequestRecord>,
): { sql: string; values: unknown[] } {
  const metadata = manager.connection.getMetadata(RequestRecord);
  const values: unknown[] = [id, version];
  const sets = ['version = version + 1', 'updated_at = now()'];
  for (const [property, value] of Object.entries(columns)) {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`requests has no column for ${property}`);
    values.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
    sets.push(`"${column.databaseName}" = $${values.length}`);
  }
  return { sql: `UPDATE requests SET ${sets.join(', ')} WHERE id = $1 AND version = $2`, values };
}

/** The guarded UPDATE alone; returns the rows changed: 0 when the version moved on. */
async function guardedUpdate(manager: EntityManager, id: string, version: number, columns: Partial<RequestRecord>): Promise<number> {
  const { sql, values } = guardedUpdateStatement(manager, id, version, columns);
  const [, affected] = (await manager.query(sql, values)) as [unknown, number];
  return affected;
}
