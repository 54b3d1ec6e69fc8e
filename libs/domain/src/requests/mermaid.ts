import { UNIVERSAL_SELF_ACTIONS } from './common-actions.js';
import type { MachineDefinition } from './machine.js';

/**
 * A Mermaid stateDiagram-v2 of a machine, generated from its table. Actions
 * that every open state allows without changing it (verify identity) are
 * left out; they would only add a loop to every state.
 */
export function toMermaid(machine: MachineDefinition): string {
  const lines = ['stateDiagram-v2', `    %% ${machine.title} (${machine.citation})`, `    [*] --> ${machine.initial}`];
  for (const [state, definition] of Object.entries(machine.states)) {
    lines.push(`    ${state} : ${definition.title.replace(/[:;]/g, ' ')}`);
  }
  for (const [from, actions] of Object.entries(machine.transitions)) {
    for (const [action, to] of Object.entries(actions ?? {})) {
      if (UNIVERSAL_SELF_ACTIONS.includes(action) && to === from) continue;
      lines.push(`    ${from} --> ${to} : ${action}`);
    }
  }
  for (const [state, definition] of Object.entries(machine.states)) {
    if (definition.terminal) lines.push(`    ${state} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}
