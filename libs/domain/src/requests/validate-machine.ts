import type { MachineDefinition } from './machine.js';

/**
 * Problems with a machine table: a transition to an unknown state or with an
 * unknown action, a state that cannot be reached from the initial one, a
 * terminal state with exits, a non-terminal state from which no terminal
 * state can be reached. Run at start-up and in a spec for every type.
 */
export function validateMachine(machine: MachineDefinition): string[] {
  const problems: string[] = [];
  const states = Object.keys(machine.states);
  if (!states.includes(machine.initial)) problems.push(`initial state ${machine.initial} is not a state`);
  for (const [from, actions] of Object.entries(machine.transitions)) {
    if (!states.includes(from)) problems.push(`transitions from unknown state ${from}`);
    for (const [action, to] of Object.entries(actions ?? {})) {
      if (!machine.actions[action]) problems.push(`${from} --${action}--> uses an unknown action`);
      if (!states.includes(to as string)) problems.push(`${from} --${action}--> ${to}: unknown target state`);
    }
  }
  for (const state of states) {
    const exits = Object.keys(machine.transitions[state as keyof typeof machine.transitions] ?? {});
    if (machine.states[state].terminal && exits.length) problems.push(`terminal state ${state} has exits: ${exits.join(', ')}`);
  }
  const reachable = reach(machine, [machine.initial], false);
  for (const state of states) if (!reachable.has(state)) problems.push(`state ${state} cannot be reached`);
  const terminals = states.filter((state) => machine.states[state].terminal);
  if (terminals.length === 0) problems.push('no terminal state');
  const canFinish = reach(machine, terminals, true);
  for (const state of states) if (!canFinish.has(state)) problems.push(`no terminal state can be reached from ${state}`);
  const used = new Set(Object.values(machine.transitions).flatMap((actions) => Object.keys(actions ?? {})));
  for (const action of Object.keys(machine.actions)) if (!used.has(action)) problems.push(`action ${action} is never allowed`);
  return problems;
}

/** States reachable from `start` (forwards), or that can reach `start` (backwards). */
function reach(machine: MachineDefinition, start: string[], backwards: boolean): Set<string> {
  const edges = Object.entries(machine.transitions).flatMap(([from, actions]) =>
    Object.values(actions ?? {}).map((to) => (backwards ? [to as string, from] : [from, to as string])),
  );
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    const state = queue.shift()!;
    for (const [from, to] of edges) {
      if (from === state && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
