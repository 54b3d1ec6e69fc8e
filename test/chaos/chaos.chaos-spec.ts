import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import pg from 'pg';
import { QueueName } from '#jobs';
import { pdfInfo, pdfText, qpdfCheck } from '../support/pdf.js';
import { PROBLEM_JSON, type Json } from '../support/request-scenarios.js';
import { PARTIAL_ROW_CHECKS, intakeBody, newMarker } from './support/intake.js';
import { loadScenario } from './support/load.js';
import { ChaosStack, report, sleep, waitFor, type ProductProcess } from './support/stack.js';

jest.setTimeout(120_000);

/**
 * Faults injected into real processes (the compiled API and workers, a private PostgreSQL and Redis),
 * then a minute of load: each scenario says what it broke and what held, in one line, and writes its
 * figures to test/chaos/results/<scenario>.json. One file, so the build, the services and the
 * migrated database are set up once.
 */
describe('chaos: faults and load', () => {
  let stack: ChaosStack;
  let api: ProductProcess;

  beforeAll(async () => {
    // The SMTP sink holds each message half a second: email jobs are still waiting when Redis goes.
    stack = await ChaosStack.start({ smtpDelayMs: 500 });
    api = await stack.startApi();
    await stack.startWorker();
    await stack.startWorker();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function partialRows(): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(PARTIAL_ROW_CHECKS)) found[name] = Number((await stack.db.query(sql)).rows[0].n);
    return found;
  }

  async function download(path: string): Promise<{ status: number; etag: string | null; body: Buffer }> {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${stack.officer.token}` } });
    return { status: response.status, etag: response.headers.get('etag'), body: Buffer.from(await response.arrayBuffer()) };
  }

  async function intake(extra: Json = {}): Promise<Json> {
    const response = await stack.request(api, 'POST', '/api/v1/requests', intakeBody(newMarker('fault'), extra), stack.officer.token);
    if (response.status !== 201) throw new Error(`intake: ${response.status} ${response.text}`);
    return response.body;
  }

  /** The worker process (by pid, from BullMQ's processedBy) that holds the first active job `match` picks. */
  async function holderOf(
    queueName: QueueName,
    match: (job: Job) => boolean,
    timeoutMs = 60_000,
  ): Promise<{ job: Job; worker: ProductProcess }> {
    const queue = stack.queue(queueName);
    try {
      let found: { job: Job; worker: ProductProcess } | undefined;
      await waitFor(
        async () => {
          const job = (await queue.getActive()).find(match);
          const pid = Number(job?.processedBy?.split('-').pop());
          const worker = stack.processes.find((product) => product.kind === 'worker' && product.pid === pid && stack.alive(product));
          if (job && worker) found = { job, worker };
          return found !== undefined;
        },
        timeoutMs,
        `an active ${queueName} job`,
      );
      return found!;
    } finally {
      await queue.close();
    }
  }

  /** The documents made for a request, read back over HTTP and checked with qpdf. */
  async function documentsOf(requestId: string) {
    const list = await stack.request(api, 'GET', `/api/v1/requests/${requestId}/documents`, undefined, stack.officer.token);
    if (list.status !== 200) throw new Error(`documents: ${list.status} ${list.text}`);
    const items = (Array.isArray(list.body) ? list.body : list.body.items) as Json[];
    return Promise.all(
      items.map(async (item) => {
        const file = await download(`/api/v1/documents/${item.id}`);
        return {
          id: item.id as string,
          template: item.template as string,
          status: file.status,
          qpdf: qpdfCheck(file.body).ok,
          sha256Matches: file.etag === `"${createHash('sha256').update(file.body).digest('hex')}"`,
          text: pdfText(file.body),
          bytes: file.body.length,
        };
      }),
    );
  }

  async function documentRows(requestId: string): Promise<number> {
    return Number((await stack.db.query(`SELECT count(*)::int AS n FROM documents WHERE request_id = $1`, [requestId])).rows[0].n);
  }

  it('1. PostgreSQL restarted under intake: clean 503s, no partial rows, every 201 stored once, recovers by itself', async () => {
    interface Outcome {
      marker: string;
      status: number; // 0: connection error
      contentType?: string;
      retryAfter?: string | null;
      id?: string;
      at: number;
      doneAt: number;
    }
    const outcomes: Outcome[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        const marker = newMarker('pgr');
        const at = Date.now();
        try {
          const response = await stack.request(api, 'POST', '/api/v1/requests', intakeBody(marker));
          outcomes.push({
            marker,
            status: response.status,
            contentType: response.headers.get('content-type') ?? undefined,
            retryAfter: response.headers.get('retry-after'),
            id: response.body?.id,
            at,
            doneAt: Date.now(),
          });
        } catch {
          outcomes.push({ marker, status: 0, at, doneAt: Date.now() });
          await sleep(50);
        }
      }
    };
    const workers = stack.processes.filter((product) => product.kind === 'worker' && stack.alive(product));
    const clients = Array.from({ length: 12 }, client);
    await sleep(2_000);
    const restartAt = Date.now();
    const restartSeconds = await stack.postgres.restart();
    await sleep(6_000);
    stop = true;
    await Promise.all(clients);

    // Recovered: the first 201 of a request sent after the last refusal was sent, counted from the restart.
    const lastFailure = outcomes.filter((o) => o.status !== 201).sort((a, b) => b.at - a.at)[0];
    const recovered = outcomes
      .filter((o) => o.status === 201 && o.at >= (lastFailure?.at ?? restartAt))
      .sort((a, b) => a.doneAt - b.doneAt)[0];
    const accepted = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status === 503);
    const others = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    const badRefusals = refused.filter((o) => !o.contentType?.startsWith(PROBLEM_JSON) || !o.retryAfter);

    const counts = await stack.db.query<{ marker: string; n: number; ids: string[] }>(
      `SELECT details->>'recordsRequested' AS marker, count(*)::int AS n, array_agg(id::text) AS ids
         FROM requests WHERE details->>'recordsRequested' = ANY($1::text[]) GROUP BY 1`,
      [outcomes.map((o) => o.marker)],
    );
    const byMarker = new Map(counts.rows.map((row) => [row.marker, row]));
    const acceptedFoundOnce = accepted.filter((o) => byMarker.get(o.marker)?.n === 1 && byMarker.get(o.marker)?.ids[0] === o.id).length;
    const doubled = counts.rows.filter((row) => row.n > 1).length;
    // A 503 after the commit (the read-back failed) leaves the request stored: the client retries, staff see one more.
    const refusedButStored = refused.filter((o) => byMarker.has(o.marker)).length;
    const partial = await partialRows();
    const partialTotal = Object.values(partial).reduce((sum, n) => sum + n, 0);
    const ready = await stack.request(api, 'GET', '/health/ready');
    const recoverySeconds = recovered ? (recovered.doneAt - restartAt) / 1000 : null;

    report(
      'postgres-restart',
      `postgres restart under intake: ${outcomes.length} posted, ${refused.length} refused with 503 problem+json, ` +
        `${others.length} other answers, ${accepted.length} accepted, ${acceptedFoundOnce} found once, ${doubled} doubled, ` +
        `${partialTotal} partial rows, ${refusedButStored} refused-but-stored, ${recoverySeconds === null ? 'API never recovered' : `API recovered in ${recoverySeconds.toFixed(1)} s`} (pg_ctl restart took ${restartSeconds.toFixed(1)} s), ` +
        `${workers.filter((worker) => stack.alive(worker)).length}/${workers.length} workers alive`,
      {
        injected: 'pg_ctl restart -m fast of the private cluster while 12 clients POST /api/v1/requests',
        posted: outcomes.length,
        accepted: accepted.length,
        refused503: refused.length,
        refused503WithoutProblemJsonOrRetryAfter: badRefusals.length,
        otherAnswers: others.map((o) => o.status),
        acceptedFoundOnce,
        doubled,
        refusedButStored,
        partialRows: partial,
        restartSeconds,
        recoverySeconds,
        apiAliveAfter: stack.alive(api),
        workersAliveAfter: workers.map((worker) => stack.alive(worker)),
        readyAfter: ready.status,
      },
    );

    expect(others.map((o) => o.status)).toEqual([]);
    expect(refused.length).toBeGreaterThan(0); // the fault did reach requests in flight
    expect(badRefusals).toEqual([]);
    expect(acceptedFoundOnce).toBe(accepted.length);
    expect(doubled).toBe(0);
    expect(partial).toEqual(Object.fromEntries(Object.keys(PARTIAL_ROW_CHECKS).map((name) => [name, 0])));
    expect(recovered).toBeDefined();
    expect(stack.alive(api)).toBe(true);
    // The workers lose their connections too; they must not die of it (an unhandled pg 'error' event did).
    expect(workers.map((worker) => [worker.pid, stack.alive(worker)])).toEqual(workers.map((worker) => [worker.pid, true]));
    expect(ready.status).toBe(200);
  });

  /**
   * Late requests (escalations due now) and current ones (reminders days ahead) are taken in, and
   * Redis loses everything while their jobs are on the way. Nobody helps: the workers must notice,
   * lay the schedule out again from PostgreSQL and relay again what was lost.
   */
  async function redisLoss(kind: 'restart' | 'flush') {
    const late = await Promise.all(
      Array.from({ length: 6 }, () => intake({ receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })),
    );
    const current = await Promise.all(Array.from({ length: 6 }, () => intake()));
    const ids = [...late, ...current].map((request) => request.id as string);
    const injectedAt = Date.now();
    const downSeconds = kind === 'restart' ? await stack.redis.restart() : (await stack.redis.flushAll(), 0);

    const scalar = async (sql: string, params: unknown[] = [ids]) => Number((await stack.db.query(sql, params)).rows[0].n);
    const undelivered = () =>
      scalar(
        `SELECT count(*)::int AS n FROM outbox_messages o WHERE o.job_name = 'email.send' AND o.payload->'to' ? 'userId'
            AND o.payload->'data'->>'requestId' = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.key = o.payload->>'key')`,
      );
    const unrendered = () =>
      scalar(
        `SELECT count(*)::int AS n FROM outbox_messages o WHERE o.job_name = 'document.render' AND o.payload->>'requestId' = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.request_id::text = o.payload->>'requestId'
                              AND d.template = o.payload->>'template' AND d.request_version = (o.payload->>'requestVersion')::int)`,
      );
    const lateWithoutEscalation = () =>
      scalar(
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS r(id)
          WHERE (SELECT count(*) FROM reminder_deliveries d WHERE d.request_id = r.id AND d.step LIKE 'overdue%') < 2`,
        [late.map((request) => request.id)],
      );
    const deadlines = stack.queue(QueueName.Deadlines);
    const currentWithoutReminders = async () => {
      const delayed = await deadlines.getDelayed(0, -1).catch(() => [] as Job[]);
      const planned = new Set(delayed.filter((job) => job.name === 'reminder.fire').map((job) => job.data.requestId as string));
      return current.filter((request) => !planned.has(request.id)).length;
    };
    let healedAt: number | undefined;
    try {
      await waitFor(
        async () => {
          const done =
            (await scalar(`SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL`, [])) === 0 &&
            (await lateWithoutEscalation()) === 0 &&
            (await undelivered()) === 0 &&
            (await unrendered()) === 0 &&
            (await currentWithoutReminders()) === 0;
          if (done) healedAt = Date.now();
          return done;
        },
        90_000,
        `the schedule rebuilt after a Redis ${kind}`,
      ).catch(() => undefined);
      // Let any duplicate that was going to happen happen.
      await sleep(2_000);
      const missing = {
        // Rows the system keeps writing (heartbeats, plans) are relayed within a second or two: count the stuck ones.
        outboxNotRelayed: await scalar(
          `SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL AND created_at < now() - interval '5 seconds'`,
          [],
        ),
        lateWithoutEscalation: await lateWithoutEscalation(),
        emailsNotDelivered: await undelivered(),
        lettersNotRendered: await unrendered(),
        currentWithoutReminders: await currentWithoutReminders(),
      };
      const deliveries = (
        await stack.db.query<{ key: string }>(`SELECT key FROM email_deliveries WHERE key LIKE ANY($1::text[])`, [
          late.map((request) => `rem:${request.id}:%`),
        ])
      ).rows.map((row) => row.key);
      const references = late.map((request) => request.reference as string);
      const messages = stack.sink.messages.filter((message) => references.some((reference) => message.subject?.endsWith(reference)));
      const perDelivery = deliveries.map(
        (key) => messages.filter((message) => message.messageId?.includes(key.replace(/[^A-Za-z0-9.-]/g, '.'))).length,
      );
      const reminderRows = await scalar(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE request_id = ANY($1::uuid[])`);
      const figures = {
        injected: kind === 'restart' ? `redis-server stopped and started again (empty) right after intake` : 'FLUSHALL right after intake',
        lateRequests: late.length,
        currentRequests: current.length,
        redisDownSeconds: downSeconds,
        healedSeconds: healedAt ? (healedAt - injectedAt) / 1000 : null,
        remindersDelivered: reminderRows,
        emailsDelivered: deliveries.length,
        emailsReceivedBySmtp: messages.length,
        emailsReceivedTwice: perDelivery.filter((n) => n > 1).length,
        emailsNeverReceived: perDelivery.filter((n) => n === 0).length,
        missing,
      };
      report(
        `redis-${kind}`,
        `redis ${kind} with reminders scheduled: ${late.length} late + ${current.length} current requests, ${reminderRows} reminders sent, ` +
          `${deliveries.length} emails delivered, ${messages.length} received by SMTP, ${figures.emailsReceivedTwice} twice, ` +
          `${Object.values(missing).reduce((a, b) => a + b, 0)} effects missing, ${figures.healedSeconds === null ? 'never healed' : `healed in ${figures.healedSeconds.toFixed(1)} s without help`}`,
        figures,
      );
      expect(missing).toEqual({
        outboxNotRelayed: 0,
        lateWithoutEscalation: 0,
        emailsNotDelivered: 0,
        lettersNotRendered: 0,
        currentWithoutReminders: 0,
      });
      expect(deliveries.length).toBeGreaterThanOrEqual(late.length * 2);
      expect(messages).toHaveLength(deliveries.length);
      expect(perDelivery.every((n) => n === 1)).toBe(true);
    } finally {
      await deadlines.close();
    }
  }

  it('2a. Redis restarted (empty) while reminders are scheduled: every reminder delivered once, no outbox row lost', () =>
    redisLoss('restart'));

  it('2b. Redis flushed (FLUSHALL) while reminders are scheduled: every reminder delivered once, no outbox row lost', () =>
    redisLoss('flush'));

  it('3a. a worker killed (SIGKILL) mid-render: the other worker makes the letter, once and complete', async () => {
    while ((await stack.workerCount()) < 2) await stack.startWorker();
    // Hold inserts into documents (SHARE mode lets reads through): the job renders its PDF, opens its
    // transaction and waits at the INSERT, where it is killed.
    const blocker = new pg.Client({ connectionString: stack.databaseUrl });
    await blocker.connect();
    let request: Json;
    let victim: ProductProcess;
    let waitingInsert = 0;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE documents IN SHARE MODE');
      request = await intake();
      const held = await holderOf(QueueName.Documents, (job) => job.data?.requestId === request.id);
      victim = held.worker;
      await waitFor(
        async () => {
          waitingInsert = Number(
            (
              await stack.db.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "documents"%'`,
              )
            ).rows[0].n,
          );
          return waitingInsert > 0;
        },
        60_000,
        'the render job waiting at its INSERT',
      );
      await stack.kill(victim);
    } finally {
      await blocker.query('COMMIT').catch(() => undefined);
      await blocker.end();
    }
    const killedAt = Date.now();
    await waitFor(async () => (await documentRows(request.id)) > 0, 60_000, 'the letter made by the other worker');
    const takenOverSeconds = (Date.now() - killedAt) / 1000;
    await sleep(3_000); // a second copy, if one were coming
    const rows = await documentRows(request.id);
    const documents = await documentsOf(request.id);
    const letter = documents[0];
    report(
      'worker-kill-render',
      `worker SIGKILL mid-render: killed pid ${victim.pid} while its INSERT waited (${waitingInsert} backend), other worker made the letter in ` +
        `${takenOverSeconds.toFixed(1)} s, ${rows} document row(s), qpdf ${letter?.qpdf ? 'ok' : 'FAILED'}, SHA-256 ${letter?.sha256Matches ? 'matches' : 'differs'}`,
      {
        injected: 'SIGKILL of the worker holding a document.render job at its INSERT',
        takenOverSeconds,
        documentRows: rows,
        documents: documents.map(({ text: _text, ...rest }) => rest),
      },
    );
    expect(rows).toBe(1);
    expect(documents).toHaveLength(1);
    expect(letter).toMatchObject({ status: 200, qpdf: true, sha256Matches: true, template: 'acknowledgement' });
    expect(letter.text).toContain(request.reference);
  });

  it('3b. a worker killed (SIGKILL) mid-export of a large audit log: the retry makes the file once and complete', async () => {
    while ((await stack.workerCount()) < 2) await stack.startWorker();
    await stack.db.query(
      `INSERT INTO audit_events (actor, action, target_type, outcome, details)
       SELECT 'system:chaos-seed', 'chaos.seed', 'audit_log', 'success', jsonb_build_object('n', g) FROM generate_series(1, 40000) g`,
    );
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const created = await stack.request(
      api,
      'POST',
      '/api/v1/exports',
      { kind: 'audit_log', format: 'pdf', from: day(-2), to: day(2) },
      stack.admin.token,
    );
    expect(`${created.status} ${created.status === 202 ? '' : created.text}`).toBe('202 ');
    const exportId = created.body.id as string;
    const held = await holderOf(QueueName.Exports, (job) => job.data?.exportId === exportId, 90_000);
    const chunks = async () =>
      Number((await stack.db.query(`SELECT count(*)::int AS n FROM export_chunks WHERE export_id = $1`, [exportId])).rows[0].n);
    await waitFor(async () => (await chunks()) >= 1, 90_000, 'the export part written');
    const chunksAtKill = await chunks();
    const progressAtKill = (await stack.db.query(`SELECT status, rows_done FROM exports WHERE id = $1`, [exportId])).rows[0];
    await stack.kill(held.worker);
    const killedAt = Date.now();
    await waitFor(
      async () =>
        ['done', 'failed'].includes((await stack.db.query(`SELECT status FROM exports WHERE id = $1`, [exportId])).rows[0].status),
      150_000,
      'the export finished by the other worker',
    );
    const finishedSeconds = (Date.now() - killedAt) / 1000;
    const record = (await stack.db.query(`SELECT status, size_bytes, sha256, rows_done, rows_total FROM exports WHERE id = $1`, [exportId]))
      .rows[0];
    const pieces = (
      await stack.db.query<{ seq: number; bytes: number }>(
        `SELECT seq, length(data) AS bytes FROM export_chunks WHERE export_id = $1 ORDER BY seq`,
        [exportId],
      )
    ).rows;
    const file = await download(`/api/v1/exports/${exportId}/file`);
    const check = qpdfCheck(file.body);
    const pages = Number(pdfInfo(file.body).Pages);
    const sha256 = createHash('sha256').update(file.body).digest('hex');
    report(
      'worker-kill-export',
      `worker SIGKILL mid-export: killed pid ${held.worker.pid} after ${chunksAtKill} MB of a 40,000+ event audit log, the retry finished in ` +
        `${finishedSeconds.toFixed(1)} s: ${record.status}, ${(file.body.length / 1e6).toFixed(1)} MB in ${pieces.length} pieces, ${pages} pages, qpdf ${check.ok ? 'ok' : 'FAILED'}`,
      {
        injected: 'SIGKILL of the worker building an audit_log PDF export of 40,000+ events, once its first megabyte was stored',
        chunksAtKill,
        progressAtKill,
        finishedSeconds,
        status: record.status,
        sizeBytes: file.body.length,
        pieces: pieces.length,
        pages,
        qpdfOk: check.ok,
        sha256Matches: sha256 === record.sha256,
      },
    );
    expect(record.status).toBe('done');
    expect(file.status).toBe(200);
    expect(check.ok).toBe(true);
    expect(sha256).toBe(record.sha256.trim());
    expect(file.body.length).toBe(Number(record.size_bytes));
    expect(pieces.map((piece) => piece.seq)).toEqual(pieces.map((_, index) => index));
    expect(pieces.reduce((sum, piece) => sum + Number(piece.bytes), 0)).toBe(file.body.length);
    expect(pages).toBeGreaterThan(100);
  }, 300_000);

  it('4. the API killed (SIGKILL) mid-transaction under a stream of actions: version, timeline, audit chain and outbox agree', async () => {
    const requests = await Promise.all(Array.from({ length: 12 }, () => intake()));
    const victim = await stack.startApi();
    const answers: { status: number; version?: number; id: string }[] = [];
    let stop = false;
    const client = async () => {
      const versions = new Map<string, number>();
      while (!stop) {
        const target = requests[Math.floor(Math.random() * requests.length)].id as string;
        const known = versions.get(target);
        try {
          const response = await stack.request(
            victim,
            'POST',
            `/api/v1/requests/${target}/actions/verify_identity`,
            { method: 'known_to_staff', ...(known && Math.random() < 0.5 ? { expectedVersion: known } : {}) },
            stack.officer.token,
          );
          answers.push({ status: response.status, version: response.body?.version, id: target });
          if (response.body?.version) versions.set(target, response.body.version);
        } catch {
          answers.push({ status: 0, id: target });
          return;
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    await sleep(2_500);
    // Sessions of the victim inside a transaction right now (its pool only: the other API and workers idle between statements).
    const inFlight = Number(
      (
        await stack.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        )
      ).rows[0].n,
    );
    await stack.kill(victim);
    stop = true;
    await Promise.all(clients);
    // PostgreSQL rolls back the sessions whose client vanished.
    await waitFor(
      async () =>
        Number((await stack.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction'`)).rows[0].n) ===
        0,
      30_000,
      'the dead sessions gone',
    );
    const ids = requests.map((request) => request.id as string);
    const perRequest = (
      await stack.db.query<{ id: string; version: number; events: number; maxEvent: number; audits: number; plans: number }>(
        `SELECT r.id::text AS id, r.version,
                (SELECT count(*)::int FROM request_events e WHERE e.request_id = r.id) AS events,
                (SELECT max(e.version) FROM request_events e WHERE e.request_id = r.id) AS "maxEvent",
                (SELECT count(*)::int FROM audit_events a WHERE a.target_id = r.id::text AND a.action IN ('request.create', 'request.action')) AS audits,
                (SELECT count(*)::int FROM outbox_messages o WHERE o.job_name = 'reminder.plan' AND o.job_id LIKE 'plan-' || r.id || '-v%') AS plans
           FROM requests r WHERE r.id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    const disagreeing = perRequest.filter(
      (row) => !(row.version === row.maxEvent && row.events === row.version && row.audits === row.version && row.plans === row.version),
    );
    const okAnswers = answers.filter((answer) => answer.status === 200);
    const versionsByRequest = new Map(perRequest.map((row) => [row.id, row.version]));
    const acknowledgedButMissing = okAnswers.filter((answer) => (answer.version ?? 0) > (versionsByRequest.get(answer.id) ?? 0)).length;
    const partial = await partialRows();
    const verify = await stack.verifyAudit(api);
    const outboxPending = await stack.outboxDrained();
    const actions = perRequest.reduce((sum, row) => sum + row.version - 1, 0);
    report(
      'api-kill-actions',
      `API SIGKILL under actions: ${answers.length} answers (${okAnswers.length} 200, ${answers.filter((a) => a.status === 409).length} 409, ` +
        `${answers.filter((a) => a.status === 0).length} cut off), ${inFlight} transactions open at the kill, ${actions} actions stored, ` +
        `${disagreeing.length} requests where version, timeline, audit and outbox disagree, ${acknowledgedButMissing} acknowledged actions missing, ` +
        `audit chain ${verify.ok ? 'verified' : 'BROKEN'} (${verify.checked} events)`,
      {
        injected: 'SIGKILL of an API process while 16 clients post verify_identity to 12 requests through it',
        answers: answers.length,
        ok: okAnswers.length,
        conflicts409: answers.filter((a) => a.status === 409).length,
        cutOff: answers.filter((a) => a.status === 0).length,
        otherStatuses: answers.filter((a) => ![0, 200, 409].includes(a.status)).map((a) => a.status),
        transactionsOpenAtKill: inFlight,
        actionsStored: actions,
        disagreeing,
        acknowledgedButMissing,
        partialRows: partial,
        auditChain: verify,
        outboxPending,
      },
    );
    expect(answers.filter((a) => a.status === 0).length).toBeGreaterThan(0); // the kill did cut requests off
    expect(answers.filter((a) => ![0, 200, 409].includes(a.status))).toEqual([]);
    expect(disagreeing).toEqual([]);
    expect(acknowledgedButMissing).toBe(0);
    expect(partial).toEqual(Object.fromEntries(Object.keys(PARTIAL_ROW_CHECKS).map((name) => [name, 0])));
    // ok: every event is chained or queued to be (pending: events written since, by a live system).
    expect(verify.ok).toBe(true);
    expect(outboxPending).toBe(0);
  });

  it('5. storage refuses the letter (a trigger raises disk_full on INSERT): the job fails and retries; once the fault is gone, one letter', async () => {
    await stack.db.query(`CREATE FUNCTION chaos_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device (chaos)' USING ERRCODE = '53100'; END $$`);
    await stack.db.query(`CREATE TRIGGER chaos_disk_full BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION chaos_disk_full()`);
    let request: Json;
    let failedAttempts = 0;
    let failedReason = '';
    const documents = stack.queue(QueueName.Documents);
    try {
      request = await intake();
      const jobId = `${request.id}-doc-acknowledgement-v1`;
      await waitFor(
        async () => {
          const job = await documents.getJob(jobId);
          failedAttempts = job?.attemptsMade ?? 0;
          failedReason = job?.failedReason ?? '';
          return failedAttempts >= 2;
        },
        60_000,
        'the render job failed twice',
      );
      expect(failedReason).toContain('No space left on device');
      expect(await documentRows(request.id)).toBe(0);
    } finally {
      await stack.db.query(`DROP TRIGGER IF EXISTS chaos_disk_full ON documents`);
      await stack.db.query(`DROP FUNCTION IF EXISTS chaos_disk_full()`);
    }
    const clearedAt = Date.now();
    await waitFor(async () => (await documentRows(request.id)) > 0, 60_000, 'the letter made by a retry');
    const retrySeconds = (Date.now() - clearedAt) / 1000;
    await sleep(2_000);
    const job = await documents.getJob(`${request.id}-doc-acknowledgement-v1`);
    const state = await job?.getState();
    await documents.close();
    const rows = await documentRows(request.id);
    const made = await documentsOf(request.id);
    report(
      'storage-error',
      `storage error writing a letter: ${failedAttempts} attempts failed with disk_full ("${failedReason.slice(0, 40)}…"), 0 documents meanwhile; ` +
        `fault removed, the retry made it in ${retrySeconds.toFixed(1)} s: ${rows} document, qpdf ${made[0]?.qpdf ? 'ok' : 'FAILED'}, job ${state}`,
      {
        injected: 'BEFORE INSERT trigger on documents raising SQLSTATE 53100 (disk_full)',
        failedAttempts,
        failedReason,
        retrySeconds,
        documentRows: rows,
        jobState: state,
        attemptsMade: job?.attemptsMade,
      },
    );
    expect(rows).toBe(1);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: 200, qpdf: true, sha256Matches: true });
    expect(state).toBe('completed');
  });

  it('6. load: two APIs and two workers hold a minute of mixed traffic; every accepted intake stored once, the audit chain verifies', async () => {
    while ((await stack.workerCount()) < 2) await stack.startWorker();
    await loadScenario(stack, [api, await stack.startApi()]);
  }, 300_000);
});
