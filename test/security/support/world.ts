import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ROLES, type Role } from '#auth';
import { JobRunner } from '../../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../../support/api-app.js';
import { RequestDriver, plusDays, todayIn, type Json } from '../../support/request-scenarios.js';
import { rememberSecret } from '../../support/secret-registry.js';
import { createStaff, type StaffMember } from '../../support/staff.js';
import { startTestWorker, type TestWorker } from '../../support/worker-app.js';
import { DataFingerprint, ResultFile, inject } from './security-kit.js';

/** A tiny valid PDF, base64, for attachments. */
export const TINY_PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

/** A request filed through the public intake: its reference and status token (a bearer secret). */
export interface PortalFiling {
  reference: string;
  statusToken: string;
  id: string;
  patientId: string;
  documentIds: string[];
}

/**
 * Real records of every kind a route names, made beforehand through the API
 * (and the worker's own jobs for letters and exports), so that each route can
 * be called with ids that exist.
 */
export interface World {
  api: TestApi;
  worker: TestWorker;
  db: pg.Client;
  today: string;
  staff: Record<Role, StaffMember>;
  /** A second licensed reviewer: the one who made a reviewable denial (a reviewer must have taken no part). */
  determiner: StaffMember;
  driver: RequestDriver;
  patientId: string;
  /** An open access request in `received`. */
  request: Json;
  /** An access denial under review by staff.reviewer. */
  review: Json;
  noteId: string;
  attachmentId: string;
  documentId: string;
  disclosureId: string;
  /** An oral suspension, awaiting its written statement. */
  suspensionId: string;
  /** A finished CSV export of today's audit log. */
  exportId: string;
  /** One unread notification per staff user id. */
  notificationOf: Map<string, string>;
  a: PortalFiling;
  b: PortalFiling;
  close(): Promise<void>;
}

function expectOk(answer: { status: number; text: string }, what: string, ...statuses: number[]): void {
  if (!statuses.includes(answer.status)) throw new Error(`${what}: got ${answer.status} ${answer.text.slice(0, 500)}`);
}

export async function buildWorld(env: NodeJS.ProcessEnv = {}): Promise<World> {
  const api = await startTestApi(env);
  const worker = await startTestWorker(api.config);
  const db = new pg.Client({ connectionString: api.database.url });
  await db.connect();
  const today = todayIn(api.config.organisation.timeZone);
  const staff = {} as Record<Role, StaffMember>;
  for (const role of ROLES) staff[role] = await createStaff(api, [role]);
  const determiner = await createStaff(api, ['reviewer'], 'Dr Determiner');
  const officer = staff.privacy_officer;
  const driver = new RequestDriver(api, officer.token);
  const runner = worker.app.get(JobRunner);

  const renderLetters = async (requestId: string) => {
    const { rows } = await db.query(
      `SELECT payload FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1`,
      [requestId],
    );
    for (const { payload } of rows) await runner.run('document.render', payload);
  };

  const familyName = `Securitas-${randomBytes(3).toString('hex')}`;
  rememberSecret(familyName);
  const patient = await inject(api, 'POST', '/api/v1/patients', {
    token: officer.token,
    body: { givenName: 'Sally', familyName, dateOfBirth: '1970-01-01', mrn: `MRN-${randomBytes(3).toString('hex')}` },
  });
  expectOk(patient, 'patient', 201);
  const request = await driver.create('access', { patientId: patient.body.id });
  await renderLetters(request.id);
  const [document] = (await inject(api, 'GET', `/api/v1/requests/${request.id}/documents`, { token: officer.token })).body;
  if (!document) throw new Error('no letter was rendered for the fixture request');

  const review = await driver.create('access');
  await driver.walk(review.id, [
    [
      'deny',
      {
        grounds: ['endangers_life_or_safety'],
        basis: 'A licensed professional determined that access is reasonably likely to endanger the patient’s life.',
        determinedBy: determiner.user.id,
      },
    ],
    ['request_review'],
    ['assign_reviewer', { reviewerId: staff.reviewer.user.id }],
  ]);

  const note = await inject(api, 'POST', `/api/v1/requests/${request.id}/notes`, {
    token: officer.token,
    body: { body: 'Called the patient.' },
  });
  expectOk(note, 'note', 201);
  const attachment = await inject(api, 'POST', `/api/v1/requests/${request.id}/attachments`, {
    token: officer.token,
    body: {
      kind: 'identity',
      description: 'Driver licence',
      filename: 'id.pdf',
      contentType: 'application/pdf',
      contentBase64: TINY_PDF_BASE64,
    },
  });
  expectOk(attachment, 'attachment', 201);
  const disclosure = await inject(api, 'POST', '/api/v1/disclosures', {
    token: officer.token,
    body: {
      patientId: patient.body.id,
      disclosedAt: plusDays(today, -10),
      recipient: { name: 'County Health Department' },
      description: 'Immunisation record',
      purpose: 'Mandatory report',
      category: 'public_health',
    },
  });
  expectOk(disclosure, 'disclosure', 201);
  const suspension = await inject(api, 'POST', '/api/v1/accounting-suspensions', {
    token: officer.token,
    body: { agency: 'County Sheriff', statement: 'oral', startsAt: today, endsAt: plusDays(today, 20), reason: 'Investigation' },
  });
  expectOk(suspension, 'suspension', 201);

  const exported = await inject(api, 'POST', '/api/v1/exports', {
    token: staff.auditor.token,
    body: { kind: 'audit_log', format: 'csv', from: today, to: today },
  });
  expectOk(exported, 'export', 202);
  await buildExport(db, worker, exported.body.id);

  const notificationOf = new Map<string, string>();
  for (const member of [...Object.values(staff), determiner]) {
    const { rows } = await db.query(
      `INSERT INTO notifications (user_id, kind, key, subject, link) VALUES ($1, 'test.fixture', $2, 'Fixture', '/api/v1/requests') RETURNING id`,
      [member.user.id, `fixture-${member.user.id}`],
    );
    notificationOf.set(member.user.id, rows[0].id);
  }

  const file = async (suffix: string): Promise<PortalFiling> => {
    const name = `Portalis-${suffix}-${randomBytes(3).toString('hex')}`;
    rememberSecret(name);
    const filed = await inject(api, 'POST', '/api/v1/public/requests', {
      body: {
        type: 'access',
        language: 'en',
        patient: { givenName: 'Pat', familyName: name, dateOfBirth: '1980-02-02' },
        details: { accessType: 'copy', recordsRequested: 'Everything', format: 'paper', delivery: 'mail' },
      },
      remoteAddress: `10.9.0.${suffix === 'a' ? 1 : 2}`,
    });
    expectOk(filed, 'public filing', 201);
    rememberSecret(filed.body.statusToken);
    const { rows } = await db.query(`SELECT id, patient_id FROM requests WHERE reference = $1`, [filed.body.reference]);
    await renderLetters(rows[0].id);
    const docs = await db.query(`SELECT id FROM documents WHERE request_id = $1`, [rows[0].id]);
    return {
      reference: filed.body.reference,
      statusToken: filed.body.statusToken,
      id: rows[0].id,
      patientId: rows[0].patient_id,
      documentIds: docs.rows.map((row) => row.id),
    };
  };
  const a = await file('a');
  const b = await file('b');

  return {
    api,
    worker,
    db,
    today,
    staff,
    determiner,
    driver,
    patientId: patient.body.id,
    request,
    review,
    noteId: note.body.id,
    attachmentId: attachment.body.id,
    documentId: document.id,
    disclosureId: disclosure.body.id,
    suspensionId: suspension.body.id,
    exportId: exported.body.id,
    notificationOf,
    a,
    b,
    async close() {
      await db.end().catch(() => undefined);
      await worker.close();
      await api.close();
    },
  };
}

/** Runs an export's build job as the worker would (its outbox row names it). */
export async function buildExport(db: pg.Client, worker: TestWorker, exportId: string): Promise<void> {
  const { rows } = await db.query(`SELECT payload FROM outbox_messages WHERE job_name = 'export.build' AND payload->>'exportId' = $1`, [
    exportId,
  ]);
  if (rows.length !== 1) throw new Error(`no export.build job for ${exportId}`);
  await worker.app.get(JobRunner).run('export.build', rows[0].payload);
}

/**
 * A test file's world, with the fingerprint of its data and its results file: built before the
 * file's tests, written and closed after them. `ready` hands the two over to the file.
 */
export function useWorld(name: string, ready: (world: World, fingerprint: DataFingerprint) => void): ResultFile {
  const results = new ResultFile(name);
  let world: World | undefined;
  let fingerprint: DataFingerprint | undefined;
  beforeAll(async () => {
    world = await buildWorld();
    fingerprint = await DataFingerprint.open(world.api);
    ready(world, fingerprint);
  }, 120_000);
  afterAll(async () => {
    results.write();
    await fingerprint?.close();
    await world?.close();
  });
  return results;
}
