import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REQUEST_TYPES, requestTypesMarkdown } from '#domain';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff } from '../support/staff.js';

/** Parses diagrams with the real mermaid package, in a plain Node process (see the script). */
function parseMermaid(diagrams: string[]): { ok: boolean; type?: string; error?: string }[] {
  const run = spawnSync(process.execPath, ['test/support/mermaid-check.mjs'], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`mermaid check failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('GET /api/v1/request-types', () => {
  let api: TestApi;
  let types: {
    type: string;
    states: { name: string; allowedActions: string[]; terminal: boolean }[];
    actions: { name: string; input: { additionalProperties: boolean } }[];
    mermaid: string;
    deadline: { kind: string; days: number } | null;
    detailsSchema: { type: string };
  }[];

  beforeAll(async () => {
    api = await startTestApi();
    const auditor = await createStaff(api, ['auditor']);
    const response = await api.request('GET', '/api/v1/request-types', { token: auditor.token });
    expect(response.status).toBe(200);
    types = response.body;
  });
  afterAll(() => api.close());

  it('describes all nine rights with states, actions, inputs and deadlines', () => {
    expect(types.map((type) => type.type)).toEqual([...REQUEST_TYPES]);
    for (const type of types) {
      expect(type.states.length).toBeGreaterThan(1);
      expect(type.states.some((state) => state.terminal)).toBe(true);
      for (const state of type.states.filter((candidate) => candidate.terminal)) expect(state.allowedActions).toEqual([]);
      for (const action of type.actions) expect(action.input.additionalProperties).toBe(false);
      expect(type.deadline).not.toBeNull();
      expect(type.detailsSchema.type).toBe('object');
    }
    const access = types.find((type) => type.type === 'access')!;
    expect(access.deadline).toMatchObject({ kind: 'legal', days: 30 });
  });

  it('renders valid Mermaid stateDiagram-v2 for every type (parsed by the mermaid package)', () => {
    const results = parseMermaid(types.map((type) => type.mermaid));
    results.forEach((result, index) =>
      expect([types[index].type, result]).toEqual([types[index].type, { ok: true, type: 'stateDiagram' }]),
    );
  }, 60_000);

  it('has a parser that really refuses a broken diagram', () => {
    expect(parseMermaid(['stateDiagram-v2\n  a --> --> b\n'])[0].ok).toBe(false);
  }, 60_000);

  it('matches docs/request-types.md, which shows every diagram (regenerate with npm run cli -- docs:request-types)', () => {
    const committed = readFileSync('docs/request-types.md', 'utf8');
    expect(committed).toBe(requestTypesMarkdown());
    for (const type of types) expect(committed).toContain(type.mermaid.trimEnd());
  });
});
