import pg from 'pg';
import { AuditSealer } from '#audit';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { pdfText, qpdfCheck, renderFirstPage } from '../support/pdf.js';
import { RequestDriver, plusDays, todayIn, type Json } from '../support/request-scenarios.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

/**
 * Compliance exports end to end: asked for over HTTP, built by the worker's
 * `export.build` job, stored in pieces, downloaded and read back.
 */
describe('compliance exports (45 CFR 164.312(b), 164.530(j))', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: pg.Client;
  let officer: StaffMember;
  let auditor: StaffMember;
  let reviewer: StaffMember;
  let driver: RequestDriver;
  let today: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    officer = await createStaff(api, ['privacy_officer']);
    auditor = await createStaff(api, ['auditor']);
    reviewer = await createStaff(api, ['reviewer']);
    driver = new RequestDriver(api, officer.token);
    today = todayIn(api.config.organisation.timeZone);
    rememberSecret('Exportina', 'Ledgerfield');
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
  });

  const ask = async (body: Json, token = auditor.token): Promise<Json> => {
    const response = await api.request('POST', '/api/v1/exports', { token, body });
    expect(response.status).toBe(202);
    return response.body as Json;
  };

  /** Runs the export's job as the worker would (its outbox row names it). */
  const build = async (exportId: string): Promise<void> => {
    const { rows } = await db.query(`SELECT payload FROM outbox_messages WHERE job_name = 'export.build' AND payload->>'exportId' = $1`, [
      exportId,
    ]);
    expect(rows).toHaveLength(1);
    await worker.app.get(JobRunner).run('export.build', rows[0].payload);
  };

  const download = async (href: string, token = auditor.token) => {
    const response = await fetch(`${api.baseUrl}${href}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  const seal = async () => {
    while ((await worker.app.get(AuditSealer).sealPending()) > 0);
  };

  it('exports the audit log of a period as a PDF whose cover states the count, the first and last hash and an intact chain', async () => {
    const patient = await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { givenName: 'Exportina', familyName: 'Ledgerfield', dateOfBirth: '1980-02-02' },
    });
    await api.request('GET', `/api/v1/patients/${patient.body.id}`, { token: officer.token });
    await seal();

    const queued = await ask({ kind: 'audit_log', from: today, to: today });
    expect(queued).toMatchObject({ status: 'queued', progress: 0, href: null });
    expect((await download(`/api/v1/exports/${queued.id}/file`)).status).toBe(409);
    await build(queued.id);

    const done = (await api.request('GET', `/api/v1/exports/${queued.id}`, { token: auditor.token })).body;
    expect(done).toMatchObject({ status: 'done', progress: 100, href: `/api/v1/exports/${queued.id}/file` });
    expect(done.rowsDone).toBe(done.rowsTotal);
    const file = await download(done.href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.bytes.length).toBe(done.sizeBytes);
    expect(qpdfCheck(file.bytes).ok).toBe(true);
    const text = pdfText(file.bytes).replace(/\s+/g, ' ');
    expect(text).toContain(String(done.rowsTotal));
    expect(text).toMatch(/patient\.create/);
    expect(text).not.toMatch(/BROKEN/i);
    expect(text).not.toMatch(/Exportina|Ledgerfield/);

    const events = await api.request('GET', `/api/v1/audit-events?action=export.download&limit=10`, { token: auditor.token });
    expect(JSON.stringify(events.body)).toContain(queued.id);
  });

  it('says on the cover that the chain is broken, and at which event, when an audit row was changed (45 CFR 164.312(c)(1))', async () => {
    await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { givenName: 'Exportina', familyName: 'Ledgerfield', dateOfBirth: '1980-03-03' },
    });
    await seal();
    const { rows } = await db.query(`SELECT max(id)::text AS id FROM audit_events WHERE action = 'patient.create'`);
    const tampered = rows[0].id as string;
    await db.query('BEGIN');
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(`UPDATE audit_events SET action = 'patient.read' WHERE id = $1`, [tampered]);
    await db.query('COMMIT');

    const queued = await ask({ kind: 'audit_log', from: today, to: today });
    await build(queued.id);
    const text = pdfText((await download(`/api/v1/exports/${queued.id}/file`)).bytes).replace(/\s+/g, ' ');
    expect(text).toMatch(/BROKEN/i);
    expect(text).toContain(tampered);
  });

  it('exports the audit log as CSV with the same columns, one event per line', async () => {
    const queued = await ask({ kind: 'audit_log', format: 'csv', from: today, to: today, userId: officer.user.id });
    await build(queued.id);
    const file = await download(`/api/v1/exports/${queued.id}/file`);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = file.bytes.toString('utf8').trimEnd().split('\r\n');
    const done = (await api.request('GET', `/api/v1/exports/${queued.id}`, { token: auditor.token })).body;
    expect(lines).toHaveLength(done.rowsTotal + 1);
    expect(lines.slice(1).every((line) => line.includes(`user:${officer.user.id}`))).toBe(true);
  });

  it('exports a request register with its figures and a chart, and serves the same figures as JSON (45 CFR 164.524(b)(2))', async () => {
    const early = await driver.create('notice_copy', { receivedAt: `${plusDays(today, -20)}T15:00:00Z` });
    await driver.create('access', { receivedAt: `${plusDays(today, -10)}T15:00:00Z` });
    const figures = await api.request('GET', `/api/v1/reports/compliance?from=${plusDays(today, -30)}&to=${today}`, {
      token: auditor.token,
    });
    expect(figures.status).toBe(200);
    expect(figures.body.total.received).toBeGreaterThanOrEqual(2);
    expect(figures.body.byType.map((row: Json) => row.type)).toContain('access');

    const queued = await ask({ kind: 'request_register', from: plusDays(today, -30), to: today });
    await build(queued.id);
    const pdf = (await download(`/api/v1/exports/${queued.id}/file`)).bytes;
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(early.reference);
    expect(text).toMatch(/On time/);
    expect(renderFirstPage(pdf, 'request-register-export-page1')).toMatch(/\.png$/);

    const csv = await ask({ kind: 'request_register', format: 'csv', from: plusDays(today, -30), to: today });
    await build(csv.id);
    expect((await download(`/api/v1/exports/${csv.id}/file`)).bytes.toString('utf8')).toContain(early.reference);
  });

  it('moves its progress while a large export runs', async () => {
    await db.query(
      `INSERT INTO audit_events (occurred_at, actor, action, target_type, outcome, details)
       SELECT now(), 'system:synthetic', 'synthetic.event', 'bench', 'success', '{}'::jsonb FROM generate_series(1, 40000)`,
    );
    const queued = await ask({ kind: 'audit_log', format: 'csv', from: today, to: today });
    const seen = new Set<number>();
    const running = build(queued.id);
    let finished = false;
    void running.then(() => (finished = true));
    while (!finished) {
      seen.add((await api.request('GET', `/api/v1/exports/${queued.id}`, { token: auditor.token })).body.progress);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await running;
    seen.add((await api.request('GET', `/api/v1/exports/${queued.id}`, { token: auditor.token })).body.progress);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...seen)).toBe(100);
  });

  it('makes a case file: the summary, the timeline and every letter in one PDF', async () => {
    const request = await driver.create('notice_copy', {});
    const documents = await db.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1`,
      [request.id],
    );
    for (const { payload } of (
      await db.query(`SELECT payload FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1`, [request.id])
    ).rows) {
      await worker.app.get(JobRunner).run('document.render', payload);
    }
    const queued = await ask({ kind: 'case_file', requestId: request.id }, officer.token);
    await build(queued.id);
    const pdf = (await download(`/api/v1/exports/${queued.id}/file`, officer.token)).bytes;
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(request.reference);
    expect(documents.rows[0].n).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/acknowledg/i);
  });

  it('deletes the file when the export expires, and answers 410 after', async () => {
    const queued = await ask({ kind: 'request_register', from: today, to: today });
    await build(queued.id);
    await db.query(`UPDATE exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [queued.id]);
    await worker.app.get(JobRunner).run('export.expire', {});
    expect((await api.request('GET', `/api/v1/exports/${queued.id}`, { token: auditor.token })).body.status).toBe('expired');
    expect((await download(`/api/v1/exports/${queued.id}/file`)).status).toBe(410);
    expect((await db.query(`SELECT count(*)::int AS n FROM export_chunks WHERE export_id = $1`, [queued.id])).rows[0].n).toBe(0);
  });

  it('refuses bad input with 422 and other roles with 403', async () => {
    const bad = async (body: Json) => (await api.request('POST', '/api/v1/exports', { token: auditor.token, body })).status;
    expect(await bad({ kind: 'audit_log', from: today })).toBe(422);
    expect(await bad({ kind: 'audit_log', from: today, to: plusDays(today, -1) })).toBe(422);
    expect(await bad({ kind: 'case_file', requestId: '6f1c1a4e-0000-4000-8000-000000000009' })).toBe(422);
    expect(await bad({ kind: 'case_file', format: 'csv', requestId: '6f1c1a4e-0000-4000-8000-000000000009' })).toBe(422);
    expect(await bad({ kind: 'request_register', from: today, to: today, patientId: '6f1c1a4e-0000-4000-8000-000000000009' })).toBe(422);
    expect(await bad({ kind: 'everything' })).toBe(422);
    expect(await bad({ kind: 'audit_log', from: today, to: today, extra: 1 })).toBe(422);
    const asReviewer = await api.request('POST', '/api/v1/exports', {
      token: reviewer.token,
      body: { kind: 'audit_log', from: today, to: today },
    });
    expect(asReviewer.status).toBe(403);
    expect((await api.request('GET', `/api/v1/reports/compliance?from=${today}&to=${today}`, { token: reviewer.token })).status).toBe(403);
  });
});
