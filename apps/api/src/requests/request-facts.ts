import { endOfDayIn, retainUntil, type Actor, type Decision, type MachineDefinition, type RequestFacts } from '#domain';
import type { RequestRecord, User } from '#persistence';

/** The request as the rules see it. The requester is offered under details.requester for the guards that need it. */
export function toFacts(row: RequestRecord): RequestFacts {
  return {
    type: row.type as RequestFacts['type'],
    status: row.status,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    originalDueOn: row.originalDueOn,
    extensionMaxOn: row.extensionMaxOn,
    extended: row.extended,
    assigneeId: row.assigneeId,
    details: { ...row.details, requester: row.requester },
    decision: row.decision,
    identity: row.identity,
  };
}

export function staffActor(user: User): Actor {
  return { id: user.id, kind: 'staff', roles: user.roles };
}

/**
 * The columns an accepted decision changes: status, the clock, the decision
 * record, and the retention date (45 CFR 164.530(j)(2): six years from the
 * later of creation and last effect; none while an arrangement is in force).
 */
export function changedColumns(
  machine: MachineDefinition,
  row: RequestRecord,
  decision: Extract<Decision, { ok: true }>,
  now: Date,
  today: string,
  timeZone: string,
): Partial<RequestRecord> {
  const target = machine.states[decision.to];
  const { changes } = decision;
  const columns: Partial<RequestRecord> = {
    status: decision.to,
    open: target.clock !== 'stopped',
    decision: { ...row.decision, ...(changes.decision ?? {}) },
  };
  if (changes.dueOn) {
    columns.dueOn = changes.dueOn;
    columns.dueAt = endOfDayIn(changes.dueOn, timeZone);
  }
  if (changes.extended !== undefined) columns.extended = changes.extended;
  if (changes.identity) columns.identity = { ...changes.identity };
  if (decision.closes && !row.closedAt) columns.closedAt = now;
  const createdOn = row.receivedOn;
  // Kept six years from when the record was last in effect: counted once the work ends, and
  // not while it is reopened (a review) or an arrangement is still in force.
  columns.retainUntil = target.clock === 'stopped' && !target.inForce ? retainUntil(createdOn, today) : null;
  return columns;
}

/** The request fields letters are written from, as they stand at one version (stored on its event). */
export function stateOf(row: RequestRecord): Record<string, unknown> {
  return {
    status: row.status,
    language: row.language,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    originalDueOn: row.originalDueOn,
    extended: row.extended,
    deadlineKind: row.deadlineKind,
    requester: row.requester,
    details: row.details,
    decision: row.decision,
  };
}
