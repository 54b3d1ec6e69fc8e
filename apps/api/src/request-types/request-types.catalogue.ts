import { DEADLINE_RULES, MACHINES, clientDetailsSchema, jsonSchemaOf, toMermaid, type RequestType } from '#domain';

export interface RequestTypeDescription {
  type: string;
  title: string;
  plainTitle: string;
  citation: string;
  initial: string;
  states: { name: string; title: string; plain: string; clock: string; terminal: boolean; inForce: boolean; allowedActions: string[] }[];
  actions: { name: string; title: string; citation: string | null; by: string[]; input: Record<string, unknown> }[];
  transitions: Record<string, Record<string, string>>;
  deadline: {
    rule: string;
    kind: string;
    days: number;
    unit: string;
    extensionDays: number | null;
    citation: string;
    title: string;
  } | null;
  detailsSchema: Record<string, unknown>;
  mermaid: string;
}

/** Every request type described from its machine table: what GET /request-types returns and docs/ shows. */
export function describeRequestTypes(): RequestTypeDescription[] {
  return (Object.keys(MACHINES) as RequestType[]).map((type) => {
    const machine = MACHINES[type];
    const floor = DEADLINE_RULES.find((rule) => rule.appliesTo.includes(type) && !rule.jurisdiction && !rule.overlay);
    return {
      type,
      title: machine.title,
      plainTitle: machine.plainTitle,
      citation: machine.citation,
      initial: machine.initial,
      states: Object.entries(machine.states).map(([name, state]) => ({
        name,
        title: state.title,
        plain: state.plain,
        clock: state.clock,
        terminal: Boolean(state.terminal),
        inForce: Boolean(state.inForce),
        allowedActions: Object.keys(machine.transitions[name] ?? {}),
      })),
      actions: Object.entries(machine.actions).map(([name, action]) => ({
        name,
        title: action.title,
        citation: action.citation ?? null,
        by: [...action.by],
        input: jsonSchemaOf(action.input),
      })),
      transitions: machine.transitions as Record<string, Record<string, string>>,
      deadline: floor
        ? {
            rule: floor.id,
            kind: floor.kind,
            days: floor.count.days,
            unit: floor.count.unit,
            extensionDays: floor.extension?.days ?? null,
            citation: floor.citation,
            title: floor.title,
          }
        : null,
      detailsSchema: jsonSchemaOf(clientDetailsSchema(type)),
      mermaid: toMermaid(machine),
    };
  });
}
