import autocannon from 'autocannon';
import { intakeBody, newMarker, PARTIAL_ROW_CHECKS } from './intake.js';
import { report, type ChaosStack, type ProductProcess } from './stack.js';

/** How long autocannon drives traffic, and with how many connections per API process. */
const DURATION_SECONDS = Number(process.env.CHAOS_LOAD_SECONDS ?? 60);
const CONNECTIONS_PER_API = 8;
const SEEDED_REQUESTS = 3_000;

interface Intake {
  marker: string;
  status?: number;
  id?: string;
}

/** A few thousand requests, as intake writes them (request, timeline, audit event, outbox), copied in SQL from one real intake. */
async function seed(stack: ChaosStack, api: ProductProcess): Promise<string[]> {
  const template = await stack.request(api, 'POST', '/api/v1/requests', intakeBody(newMarker('seed')), stack.officer.token);
  if (template.status !== 201) throw new Error(`seed intake: ${template.status} ${template.text}`);
  const { rows } = await stack.db.query<{ id: string }>(
    `WITH src AS (SELECT * FROM requests WHERE id = $1),
          made AS (
            INSERT INTO requests (reference, type, status, open, patient_id, requester, channel, received_at, received_on, due_on, due_at,
                                  original_due_on, original_due_at, extension_max_on, extended, deadline_rule, deadline_kind, details,
                                  decision, identity, version, created_by)
            SELECT 'PR-' || to_char(src.received_on, 'YYYY') || '-' || lpad(nextval('request_reference_seq')::text, 6, '0'),
                   src.type, src.status, src.open, src.patient_id, src.requester, src.channel,
                   src.received_at - make_interval(days => g % 25), src.received_on - g % 25, src.due_on - g % 25,
                   src.due_at - make_interval(days => g % 25), src.original_due_on - g % 25,
                   src.original_due_at - make_interval(days => g % 25), src.extension_max_on - g % 25, false,
                   src.deadline_rule, src.deadline_kind, jsonb_set(src.details, '{recordsRequested}', to_jsonb('seeded-' || g)),
                   '{}', '{"verified": false}', 1, 'system:chaos-seed'
              FROM src, generate_series(1, $2::int) g
            RETURNING id, status, patient_id, received_at),
          events AS (
            INSERT INTO request_events (request_id, version, action, from_status, to_status, actor, occurred_at, data, request_state, effects)
            SELECT made.id, 1, 'receive', NULL, made.status, 'system:chaos-seed', made.received_at, '{"channel": "mail"}', NULL, '[]' FROM made),
          audit AS (
            INSERT INTO audit_events (actor, action, target_type, target_id, patient_id, outcome, details)
            SELECT 'system:chaos-seed', 'request.create', 'request', made.id::text, made.patient_id, 'success', '{"type": "access"}' FROM made),
          outbox AS (
            INSERT INTO outbox_messages (queue, job_name, payload, job_id)
            SELECT 'deadlines', 'reminder.plan', jsonb_build_object('requestId', made.id), 'plan-' || made.id || '-v1' FROM made)
     SELECT id::text FROM made`,
    [template.body.id, SEEDED_REQUESTS],
  );
  return [template.body.id, ...rows.map((row) => row.id)];
}

/**
 * Scenario 6: mixed traffic for a minute against two API processes and two workers: 60 % reads
 * (lists and details), 30 % intake, 10 % actions. Figures are reported, not asserted; what is
 * asserted is that no answer was a 5xx or a broken connection, every accepted intake is stored
 * once, nothing is half-written, the outbox is relayed and the audit chain verifies afterwards.
 */
export async function loadScenario(stack: ChaosStack, apis: ProductProcess[]): Promise<void> {
  const seeded = await seed(stack, apis[0]);
  const ids = [...seeded];
  const versions = new Map<string, number>();
  const intakes: Intake[] = [];
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const readHeaders = { authorization: `Bearer ${stack.admin.token}` };
  const lists = [
    '/api/v1/requests?limit=20',
    '/api/v1/requests?type=access&limit=50',
    '/api/v1/requests?status=received&limit=20',
    '/api/v1/requests?overdue=true&limit=20',
  ];
  // Answers by kind of request and status, as the client saw them.
  const answers: Record<string, Record<string, number>> = { list: {}, detail: {}, intake: {}, action: {} };
  const count = (kind: string, status: number) => (answers[kind][status] = (answers[kind][status] ?? 0) + 1);
  const rememberVersion = (status: number, body: string) => {
    if (status !== 200) return;
    try {
      const request = JSON.parse(body) as { id: string; version: number };
      versions.set(request.id, request.version);
    } catch {
      /* not JSON: counted by status */
    }
  };
  const list = {
    method: 'GET' as const,
    headers: readHeaders,
    setupRequest: (request: autocannon.Request) => ({ ...request, path: lists[Math.floor(Math.random() * lists.length)] }),
    onResponse: (status: number) => count('list', status),
  };
  const detail = {
    method: 'GET' as const,
    headers: readHeaders,
    setupRequest: (request: autocannon.Request) => ({ ...request, path: `/api/v1/requests/${pick()}` }),
    onResponse: (status: number, body: string) => {
      count('detail', status);
      rememberVersion(status, body);
    },
  };
  const intake = {
    method: 'POST' as const,
    headers: json(stack.officer.token),
    setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
      const entry: Intake = { marker: newMarker('load') };
      intakes.push(entry);
      context.intake = entry;
      return { ...request, path: '/api/v1/requests', body: JSON.stringify(intakeBody(entry.marker)) };
    },
    onResponse: (status: number, body: string, context: Record<string, unknown>) => {
      const entry = context.intake as Intake;
      entry.status = status;
      count('intake', status);
      if (status === 201) {
        entry.id = (JSON.parse(body) as { id: string }).id;
        ids.push(entry.id);
      }
    },
  };
  const action = {
    method: 'POST' as const,
    headers: json(stack.officer.token),
    setupRequest: (request: autocannon.Request) => {
      const id = pick();
      const expectedVersion = versions.get(id);
      const body = { method: 'known_to_staff', ...(expectedVersion ? { expectedVersion } : {}) };
      return { ...request, path: `/api/v1/requests/${id}/actions/verify_identity`, body: JSON.stringify(body) };
    },
    onResponse: (status: number, body: string) => {
      count('action', status);
      rememberVersion(status, body);
    },
  };
  // 10 requests a cycle per connection: 6 reads, 3 intakes, 1 action.
  const cycle = [list, detail, intake, detail, list, intake, detail, action, list, intake];

  const started = Date.now();
  const results = await Promise.all(
    apis.map((api) =>
      autocannon({
        url: api.baseUrl,
        connections: CONNECTIONS_PER_API,
        duration: DURATION_SECONDS,
        timeout: 30,
        requests: cycle,
      }),
    ),
  );
  const elapsed = (Date.now() - started) / 1000;

  const status = (code: string) => results.reduce((sum, r) => sum + Number(r.statusCodeStats?.[code as never]?.count ?? 0), 0);
  const byStatus: Record<string, number> = {};
  for (const result of results)
    for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) byStatus[code] = (byStatus[code] ?? 0) + Number(count);
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const fiveXx = results.reduce((sum, r) => sum + r['5xx'], 0);
  const connectionErrors = results.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
  const errorRate = total ? (fiveXx + connectionErrors) / (total + connectionErrors) : 0;
  // Percentiles of the two runs: the weighted mean of each instance's (autocannon keeps no merged histogram).
  const weighted = (key: 'p50' | 'p99') => results.reduce((sum, r) => sum + r.latency[key] * r.requests.total, 0) / Math.max(total, 1);

  // Afterwards: every accepted intake exists exactly once, nothing half-written, the chain verifies.
  const answered = intakes.filter((entry) => entry.status !== undefined);
  const accepted = answered.filter((entry) => entry.status === 201);
  const stored = await stack.db.query<{ marker: string; n: number; ids: string[] }>(
    `SELECT details->>'recordsRequested' AS marker, count(*)::int AS n, array_agg(id::text) AS ids
       FROM requests WHERE details->>'recordsRequested' = ANY($1::text[]) GROUP BY 1`,
    [intakes.map((entry) => entry.marker)],
  );
  const byMarker = new Map(stored.rows.map((row) => [row.marker, row]));
  const foundOnce = accepted.filter(
    (entry) => byMarker.get(entry.marker)?.n === 1 && byMarker.get(entry.marker)?.ids[0] === entry.id,
  ).length;
  const doubled = stored.rows.filter((row) => row.n > 1).length;
  const partial: Record<string, number> = {};
  for (const [name, sql] of Object.entries(PARTIAL_ROW_CHECKS)) partial[name] = Number((await stack.db.query(sql)).rows[0].n);
  const outboxPending = await stack.outboxDrained(90_000);
  const verify = await stack.verifyAudit(apis[0]);

  const throughput = total / elapsed;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const figures = {
    injected: `autocannon ${DURATION_SECONDS} s, ${CONNECTIONS_PER_API * apis.length} connections over 2 API processes, 2 workers; 60 % list/detail, 30 % intake, 10 % verify_identity`,
    seeded: seeded.length,
    durationSeconds: elapsed,
    requests: total,
    throughputPerSecond: Math.round(throughput * 10) / 10,
    latencyMs: {
      p50: weighted('p50'),
      p99: weighted('p99'),
      perApi: results.map((r) => ({ p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max })),
    },
    byStatus,
    fiveXx,
    connectionErrors,
    errorRate,
    intakesSent: intakes.length,
    intakesAnswered: answered.length,
    intakesAccepted: accepted.length,
    acceptedFoundOnce: foundOnce,
    doubled,
    answersByKind: answers,
    staleVersion409: status('409'),
    partialRows: partial,
    outboxPending,
    auditChain: verify,
  };
  report(
    'load',
    `load ${DURATION_SECONDS} s on 2 APIs + 2 workers: ${total} requests, ${throughput.toFixed(0)} req/s, p50 ${figures.latencyMs.p50.toFixed(0)} ms, ` +
      `p99 ${figures.latencyMs.p99.toFixed(0)} ms, ${fiveXx} 5xx, ${connectionErrors} connection errors (error rate ${(errorRate * 100).toFixed(2)} %), ` +
      `mix ${sum(answers.list) + sum(answers.detail)} reads / ${sum(answers.intake)} intakes / ${sum(answers.action)} actions, ` +
      `${status('409')} stale-version 409s, ${accepted.length} intakes accepted, ${foundOnce} found once, ${doubled} doubled, ` +
      `audit chain ${verify.ok ? 'verified' : 'BROKEN'} over ${verify.checked} events`,
    figures,
  );

  expect(total).toBeGreaterThan(0);
  expect(fiveXx).toBe(0);
  expect(connectionErrors).toBe(0);
  expect(Object.keys(byStatus).filter((code) => !['200', '201', '409'].includes(code))).toEqual([]);
  expect(accepted.length).toBeGreaterThan(0);
  expect(foundOnce).toBe(accepted.length);
  expect(doubled).toBe(0);
  expect(partial).toEqual(Object.fromEntries(Object.keys(PARTIAL_ROW_CHECKS).map((name) => [name, 0])));
  expect(outboxPending).toBe(0);
  // ok: every event is chained or queued to be (pending: events written since, by a live system).
  expect(verify.ok).toBe(true);
  for (const api of apis) expect(stack.alive(api)).toBe(true);
}
