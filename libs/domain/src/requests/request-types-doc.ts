import { DEADLINE_RULES } from '../deadlines/deadline-rules.js';
import { toMermaid } from './mermaid.js';
import { MACHINES } from './registry.js';
import type { RequestType } from './request-types.js';

/**
 * docs/request-types.md: every request type's states, actions and diagram,
 * generated from the machine tables (`npm run cli -- docs:request-types`).
 * A test fails when the committed file differs from what the tables say.
 */
export function requestTypesMarkdown(): string {
  const parts = [
    '# Request types',
    '',
    '<!-- Generated from libs/domain/src/requests/*/*.machine.ts by `npm run cli -- docs:request-types`. Do not edit by hand. -->',
    '',
    'Each patient right is a request type with its own state machine. Every non-terminal state also allows',
    '`verify_identity` (record how identity and authority were verified; the clock keeps running) and `withdraw`;',
    'the diagrams leave out the `verify_identity` loops.',
    '',
  ];
  for (const type of Object.keys(MACHINES) as RequestType[]) {
    const machine = MACHINES[type];
    const rules = DEADLINE_RULES.filter((rule) => rule.appliesTo.includes(type));
    parts.push(`## ${machine.title} (\`${type}\`, ${machine.citation})`, '', `For patients: “${machine.plainTitle}”.`, '');
    parts.push('Deadlines:', '');
    for (const rule of rules) {
      const extension = rule.extension ? `, one extension of up to ${rule.extension.days} ${rule.extension.unit} days` : '';
      const scope = [rule.jurisdiction, rule.overlay].filter(Boolean).join(', ');
      parts.push(
        `- ${rule.title}: ${rule.count.days} ${rule.count.unit} days${extension} (${rule.kind}${scope ? `; ${scope}` : ''}; ${rule.citation})`,
      );
    }
    parts.push(
      '',
      '```mermaid',
      toMermaid(machine).trimEnd(),
      '```',
      '',
      '| state | clock | meaning for the patient |',
      '| --- | --- | --- |',
    );
    for (const [name, state] of Object.entries(machine.states)) {
      parts.push(`| \`${name}\`${state.terminal ? ' (final)' : ''} | ${state.clock} | ${state.plain} |`);
    }
    parts.push('', '| action | by | rule |', '| --- | --- | --- |');
    for (const [name, action] of Object.entries(machine.actions)) {
      parts.push(`| \`${name}\` | ${action.by.join(', ')} | ${action.title}${action.citation ? ` (${action.citation})` : ''} |`);
    }
    parts.push('');
  }
  return `${parts.join('\n')}\n`;
}
