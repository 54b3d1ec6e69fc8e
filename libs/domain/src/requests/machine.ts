import type { FieldError, InputSchema } from './input-schema.js';
import type { RequestType } from './request-types.js';

/**
 * How a request's legal clock stands in a state: `running` (the deadline
 * applies), `paused` (no legal clock, e.g. a review that has no deadline), or
 * `stopped` (the clinic has acted: fulfilled, denied in writing, closed).
 */
export type ClockState = 'running' | 'paused' | 'stopped';

export interface StateDefinition {
  title: string;
  /** Said to the patient on the status page. */
  plain: string;
  clock: ClockState;
  /** No action leads out of a terminal state. */
  terminal?: boolean;
  /** An arrangement still in force (an agreed restriction): retention runs from when it ends. */
  inForce?: boolean;
}

/** Who performs an action: staff by role, the patient (portal), or the system. */
export type Performer = 'privacy_officer' | 'reviewer' | 'patient' | 'system';

/** The people an action's input names (a reviewer, a licensed professional), resolved by the caller. */
export interface KnownUser {
  roles: readonly string[];
  licensed: boolean;
  active: boolean;
}

export interface Actor {
  /** A user id, a request reference for a patient, or a job name. */
  id: string;
  kind: 'staff' | 'patient' | 'system';
  roles: readonly string[];
}

export interface ActionContext {
  now: Date;
  /** Today's ISO date in the organisation's time zone. */
  today: string;
  actor: Actor;
  /** Users named by uuid fields of the input (`ref: 'user'`), looked up beforehand: decide() stays pure. */
  users: Readonly<Record<string, KnownUser>>;
}

/** The request as the rules see it. */
export interface RequestFacts {
  type: RequestType;
  status: string;
  receivedOn: string;
  dueOn: string | null;
  originalDueOn: string | null;
  extensionMaxOn: string | null;
  extended: boolean;
  assigneeId: string | null;
  details: Readonly<Record<string, unknown>>;
  decision: Readonly<Record<string, unknown>>;
  identity: Readonly<{ verified: boolean; method?: string; verifiedBy?: string; verifiedOn?: string }>;
}

export interface Rejection {
  code: string;
  message: string;
  citation?: string;
}

export type Guard = (request: RequestFacts, input: Record<string, unknown>, context: ActionContext) => Rejection | null;

/** What an action changes besides the status. */
export interface RequestChanges {
  decision?: Record<string, unknown>;
  dueOn?: string;
  extended?: boolean;
  identity?: RequestFacts['identity'];
}

/** A side effect to run after commit: a letter the rule requires, or watching the deadline. */
export type Effect = { kind: 'letter'; template: string; citation?: string } | { kind: 'watch_deadline' };

export interface ActionDefinition {
  title: string;
  citation?: string;
  by: readonly Performer[];
  input: InputSchema;
  guards?: readonly Guard[];
  apply?: (request: RequestFacts, input: Record<string, unknown>, context: ActionContext) => RequestChanges;
  effects?: (request: RequestFacts, input: Record<string, unknown>, context: ActionContext) => Effect[];
}

/** One request type's machine: a literal table of states, transitions and actions. */
export interface MachineDefinition<S extends string = string, A extends string = string> {
  type: RequestType;
  title: string;
  /** The right in the patient's words. */
  plainTitle: string;
  citation: string;
  initial: S;
  states: Record<S, StateDefinition>;
  transitions: Partial<Record<S, Partial<Record<A, S>>>>;
  actions: Record<A, ActionDefinition>;
}

export type Decision =
  | {
      ok: true;
      from: string;
      to: string;
      action: string;
      changes: RequestChanges;
      effects: Effect[];
      /** The clinic's work on the request ends with this action (clock running or paused before, stopped after). */
      closes: boolean;
    }
  | {
      ok: false;
      code: string;
      message: string;
      kind: 'unknown_action' | 'not_allowed' | 'forbidden' | 'invalid_input';
      errors?: FieldError[];
      citation?: string;
    };
