/**
 * Shared fixtures for the request machine specs (`../<type>/<type>.machine.spec.ts`):
 * the request facts, the people acting and the action context, all on one fixed
 * timeline, and small helpers around `decide()`. Pure TypeScript with no test
 * framework, so it type-checks in the build too; only the specs import it.
 */
import { decide } from '../decide.js';
import type { ActionContext, Actor, Decision, MachineDefinition, RequestFacts } from '../machine.js';
import type { RequestType } from '../request-types.js';

export type AcceptedDecision = Extract<Decision, { ok: true }>;
export type RefusedDecision = Extract<Decision, { ok: false }>;

/** Every request of the machine specs is received on this day... */
export const RECEIVED_ON = '2026-01-10';
/** ...and acted on this day (10:00 in New York). */
export const TODAY = '2026-01-15';
const NOW = '2026-01-15T15:00:00Z';

type Clock = Pick<RequestFacts, 'dueOn' | 'originalDueOn' | 'extensionMaxOn'>;

const NO_CLOCK: Clock = { dueOn: null, originalDueOn: null, extensionMaxOn: null };
const clock = (dueOn: string, extensionMaxOn: string | null = null): Clock => ({ dueOn, originalDueOn: dueOn, extensionMaxOn });

/** The deadlines of a request received on RECEIVED_ON, by type: the 30- and 60-day rules, next day, or no legal clock. */
const CLOCKS: Record<RequestType, Clock> = {
  access: clock('2026-02-09', '2026-03-11'),
  amendment: clock('2026-03-11', '2026-04-10'),
  accounting: clock('2026-03-11', '2026-04-10'),
  restriction: NO_CLOCK,
  confidential_communication: NO_CLOCK,
  notice_copy: clock('2026-01-11'),
  complaint: clock('2026-02-09'),
  authorization_revocation: clock('2026-01-11'),
  communication_opt_out: NO_CLOCK,
};

/** A `type` request just received (status `received`, identity not verified, no decision yet), with its type's deadlines. */
export function requestFacts(type: RequestType, overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    type,
    status: 'received',
    receivedOn: RECEIVED_ON,
    ...CLOCKS[type],
    extended: false,
    assigneeId: null,
    details: {},
    decision: {},
    identity: { verified: false },
    ...overrides,
  };
}

/** A staff member; by default the privacy officer `u-po`. */
export function staff(id = 'u-po', roles: readonly string[] = ['privacy_officer']): Actor {
  return { id, kind: 'staff', roles };
}

/** The patient acting through the portal, known by the request reference. */
export function patient(reference = 'req-1'): Actor {
  return { id: reference, kind: 'patient', roles: [] };
}

/** Acting on TODAY as the privacy officer, with no users to look up unless given. */
export function actionContext(overrides: Partial<ActionContext> = {}): ActionContext {
  return { now: new Date(NOW), today: TODAY, actor: staff(), users: {}, ...overrides };
}

/** Every row of the machine's transition table, as `[from, action, to]`. */
export function transitionsOf<S extends string, A extends string>(machine: MachineDefinition<S, A>): (readonly [S, A, S])[] {
  return (Object.entries(machine.transitions) as [S, Partial<Record<A, S>> | undefined][]).flatMap(([from, row]) =>
    (Object.entries(row ?? {}) as [A, S][]).map(([action, to]) => [from, action, to] as const),
  );
}

/** The row of the transition table for `state`: action -> next state (empty for a terminal state). */
export function transitionsFrom<S extends string, A extends string>(machine: MachineDefinition<S, A>, state: S): Partial<Record<A, S>> {
  return machine.transitions[state] ?? {};
}

/** The states some action leads out of, in table order. */
export function openStates<S extends string>(machine: MachineDefinition<S>): S[] {
  return (Object.keys(machine.states) as S[]).filter((state) => !machine.states[state].terminal);
}

/** The states nothing leads out of, in table order. */
export function terminalStates<S extends string>(machine: MachineDefinition<S>): S[] {
  return (Object.keys(machine.states) as S[]).filter((state) => machine.states[state].terminal);
}

/** The decision if it was accepted; throws with the refusal otherwise. */
export function accepted(decision: Decision): AcceptedDecision {
  if (!decision.ok) throw new Error(`expected the action to be accepted, got ${decision.code}: ${decision.message}`);
  return decision;
}

/** The refusal; throws with the transition if the decision was accepted. */
export function refused(decision: Decision): RefusedDecision {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.from} -> ${decision.to}`);
  return decision;
}

/** The reason code of a refusal; throws if the decision was accepted. */
export function refusalCode(decision: Decision): string {
  return refused(decision).code;
}

/** `decide()` that returns the accepted decision, or throws with the refusal. */
export function decideOk(
  machine: MachineDefinition,
  request: RequestFacts,
  action: string,
  input: Record<string, unknown>,
  context: ActionContext,
): AcceptedDecision {
  return accepted(decide(machine, request, action, input, context));
}

/** A valid input for an action, and the facts a request in a given state needs for the action to pass its guards. */
export interface ValidAction {
  input: Record<string, unknown>;
  facts?: (state: string) => Partial<RequestFacts>;
}

/** What one call of a runner changes from the valid defaults. */
export interface RunOptions {
  input?: Record<string, unknown>;
  facts?: Partial<RequestFacts>;
  context?: ActionContext;
}

/**
 * `run(state, action, options)`: decides `action` on a request in `state` with the
 * action's valid input and facts (see ValidAction), as `context` unless told otherwise.
 */
export function machineRunner(
  machine: MachineDefinition,
  request: (overrides: Partial<RequestFacts>) => RequestFacts,
  valid: Readonly<Record<string, ValidAction>>,
  context: ActionContext,
): (state: string, action: string, options?: RunOptions) => Decision {
  return (state, action, options = {}) => {
    const spec = valid[action];
    return decide(
      machine,
      request({ status: state, ...spec.facts?.(state), ...options.facts }),
      action,
      options.input ?? spec.input,
      options.context ?? context,
    );
  };
}
