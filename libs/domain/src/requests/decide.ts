import { validateInput } from './input-schema.js';
import type { ActionContext, Actor, Decision, MachineDefinition, Performer, RequestFacts } from './machine.js';

/** The performers an actor can act as. An admin may do what a privacy officer may. */
export function performersOf(actor: Actor): Performer[] {
  if (actor.kind === 'patient') return ['patient'];
  if (actor.kind === 'system') return ['system'];
  const performers: Performer[] = [];
  if (actor.roles.includes('privacy_officer') || actor.roles.includes('admin')) performers.push('privacy_officer');
  if (actor.roles.includes('reviewer')) performers.push('reviewer');
  return performers;
}

/** The actions allowed in a state, in table order. */
export function allowedActions(machine: MachineDefinition, status: string): string[] {
  return Object.keys(machine.transitions[status] ?? {});
}

/**
 * The one entry point of the rules: may `actor` do `action` to `request` with
 * `input`, now? Returns the next state, the changes and the effects, or a
 * refusal with a reason code. Pure: no I/O, no clock but `context.now`.
 */
export function decide(
  machine: MachineDefinition,
  request: RequestFacts,
  action: string,
  input: Record<string, unknown>,
  context: ActionContext,
): Decision {
  // Own properties only: "constructor" or "__proto__" in a URL must not reach Object.prototype.
  const definition = Object.hasOwn(machine.actions, action) ? machine.actions[action] : undefined;
  if (!definition) {
    return { ok: false, kind: 'unknown_action', code: 'UNKNOWN_ACTION', message: `a ${machine.type} request has no action "${action}"` };
  }
  const row = Object.hasOwn(machine.transitions, request.status) ? machine.transitions[request.status] : undefined;
  const to = row && Object.hasOwn(row, action) ? row[action] : undefined;
  if (!to) {
    return {
      ok: false,
      kind: 'not_allowed',
      code: 'NOT_ALLOWED_IN_STATE',
      message: `"${action}" is not possible while the request is ${request.status}; allowed: ${allowedActions(machine, request.status).join(', ') || 'none'}`,
    };
  }
  const performers = performersOf(context.actor);
  if (!definition.by.some((performer) => performers.includes(performer))) {
    return { ok: false, kind: 'forbidden', code: 'NOT_YOUR_ACTION', message: `"${action}" is done by: ${definition.by.join(', ')}` };
  }
  const errors = validateInput(definition.input, input);
  for (const [field, spec] of Object.entries(definition.input)) {
    const value = input[field];
    if (spec.type === 'uuid' && spec.ref === 'user' && typeof value === 'string' && !errors.some((error) => error.field === field)) {
      if (!context.users[value]?.active) errors.push({ field, message: `${field} is not an active staff user` });
    }
  }
  if (errors.length) {
    return { ok: false, kind: 'invalid_input', code: 'INVALID_INPUT', message: errors.map((error) => error.message).join('; '), errors };
  }
  for (const guard of definition.guards ?? []) {
    const rejection = guard(request, input, context);
    if (rejection) return { ok: false, kind: 'not_allowed', ...rejection };
  }
  const changes = definition.apply?.(request, input, context) ?? {};
  const effects = definition.effects?.(request, input, context) ?? [];
  // The clinic's work ends here; the first such moment is the request's closedAt.
  const closes = machine.states[request.status]?.clock !== 'stopped' && machine.states[to]?.clock === 'stopped';
  return { ok: true, from: request.status, to, action, changes, effects, closes };
}
