import pg from 'pg';
import type { JobPayloads } from '#jobs';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { pdfText, qpdfCheck } from '../support/pdf.js';
import { RequestDriver, plusDays, todayIn, type Json } from '../support/request-scenarios.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

/**
 * The accounting of disclosures end to end: disclosures recorded through the
 * API, the preview the rules compute from them, suspensions, and the
 * `provide` action that lists exactly the ledger in a PDF (45 CFR 164.528).
 */
describe('accounting of disclosures from the ledger (45 CFR 164.528)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: pg.Client;
  let officer: StaffMember;
  let auditor: StaffMember;
  let feed: StaffMember;
  let driver: RequestDriver;
  let today: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    officer = await createStaff(api, ['privacy_officer']);
    auditor = await createStaff(api, ['auditor']);
    feed = await createStaff(api, ['integration']);
    driver = new RequestDriver(api, officer.token);
    today = todayIn(api.config.organisation.timeZone);
    rememberSecret('Ledgerwick', 'Odalys');
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
  });

  const newPatient = async (): Promise<string> => {
    const created = await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { givenName: 'Odalys', familyName: 'Ledgerwick', dateOfBirth: '1972-08-09' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  let sequence = 0;
  const disclose = async (patientId: string, overrides: Json): Promise<string> => {
    sequence += 1;
    const response = await api.request('POST', '/api/v1/disclosures', {
      token: feed.token,
      body: {
        patientId,
        disclosedAt: plusDays(today, -30),
        recipient: { name: 'State Health Department', address: '1 Capitol Way, Albany, NY 12210' },
        description: 'Immunization record',
        purpose: 'Required public health reporting',
        category: 'public_health',
        sourceSystem: 'ehr-test',
        sourceId: `acc-${sequence}`,
        ...overrides,
      },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  const preview = async (patientId: string, asOf?: string): Promise<Json> => {
    const response = await api.request('GET', `/api/v1/patients/${patientId}/accounting${asOf ? `?asOf=${asOf}` : ''}`, {
      token: auditor.token,
    });
    expect(response.status).toBe(200);
    return response.body as Json;
  };

  const sixYearsBefore = (date: string) => `${Number(date.slice(0, 4)) - 6}${date.slice(4)}`;

  it('lists the accountable disclosures of the six years through the request date, a day inside and not a day outside (45 CFR 164.528(a)(1))', async () => {
    const patientId = await newPatient();
    const asOf = plusDays(today, -10);
    const edge = sixYearsBefore(asOf);
    const inside = await disclose(patientId, { disclosedAt: edge, recipient: { name: 'County Coroner' }, category: 'decedents' });
    await disclose(patientId, { disclosedAt: plusDays(edge, -1), recipient: { name: 'Too Old Registry' } });
    const after = await disclose(patientId, { disclosedAt: plusDays(asOf, 1), recipient: { name: 'After The Request Lab' } });
    await disclose(patientId, { category: 'treatment', recipient: { name: 'Referral Cardiology' } });

    const accounting = await preview(patientId, asOf);
    expect(accounting.period).toEqual({ from: edge, to: asOf });
    expect(accounting.entries.map((entry: Json) => entry.disclosureIds[0])).toEqual([inside]);
    expect(accounting.ready).toBe(true);
    // The same ledger on a later request date lists the later disclosure as well.
    expect((await preview(patientId)).entries.map((entry: Json) => entry.disclosureIds[0])).toEqual(expect.arrayContaining([after]));
  });

  it('leaves out every exempt category (45 CFR 164.528(a)(1)(i)-(viii))', async () => {
    const patientId = await newPatient();
    for (const category of [
      'treatment',
      'payment',
      'health_care_operations',
      'to_individual',
      'incidental',
      'authorized',
      'facility_directory',
      'persons_involved',
      'national_security',
      'correctional',
      'limited_data_set',
    ]) {
      await disclose(patientId, { category, recipient: { name: `Exempt ${category}` } });
    }
    const judicial = await disclose(patientId, {
      category: 'judicial',
      recipient: { name: 'Superior Court Clerk' },
      purpose: 'Court order',
    });
    const accounting = await preview(patientId);
    expect(accounting.entries.map((entry: Json) => entry.disclosureIds)).toEqual([[judicial]]);
  });

  it('lists repeated disclosures to one recipient for one purpose once, with the count and the first and last dates (45 CFR 164.528(b)(3))', async () => {
    const patientId = await newPatient();
    const dates = [plusDays(today, -90), plusDays(today, -60), plusDays(today, -30)];
    for (const disclosedAt of dates) {
      await disclose(patientId, {
        disclosedAt,
        category: 'health_oversight',
        recipient: { name: 'State Medicaid Fraud Unit' },
        purpose: 'Quarterly oversight audit',
      });
    }
    const [entry] = (await preview(patientId)).entries;
    expect(entry.summary).toEqual({ count: 3, firstOn: dates[0], lastOn: dates[2] });
  });

  it('withholds an agency’s disclosures while its written suspension is in force, and lists them after (45 CFR 164.528(a)(2)(i))', async () => {
    const patientId = await newPatient();
    await disclose(patientId, { category: 'law_enforcement', recipient: { name: 'County Sheriff' }, purpose: 'Subpoena 22-14' });
    const other = await disclose(patientId, { category: 'public_health', recipient: { name: 'Poison Control' } });
    const suspension = await api.request('POST', '/api/v1/accounting-suspensions', {
      token: officer.token,
      body: {
        patientId,
        agency: 'county sheriff',
        statement: 'written',
        startsAt: plusDays(today, -5),
        endsAt: plusDays(today, 60),
        reason: 'Ongoing investigation',
      },
    });
    expect(suspension.status).toBe(201);
    expect(suspension.body).toMatchObject({ inForce: true, statement: 'written' });

    const during = await preview(patientId);
    expect(during.entries.map((entry: Json) => entry.disclosureIds[0])).toEqual([other]);
    expect(during.withheldForSuspension).toBe(1);
    const before = await preview(patientId, plusDays(today, -6));
    expect(before.withheldForSuspension).toBe(0);
  });

  it('lets an oral suspension lapse after 30 days unless a written statement arrives in that time (45 CFR 164.528(a)(2)(ii))', async () => {
    const patientId = await newPatient();
    await disclose(patientId, {
      disclosedAt: plusDays(today, -50),
      category: 'health_oversight',
      recipient: { name: 'Office of Inspector General' },
      purpose: 'Billing review',
    });
    const oral = await api.request('POST', '/api/v1/accounting-suspensions', {
      token: officer.token,
      body: {
        patientId,
        agency: 'Office of Inspector General',
        statement: 'oral',
        startsAt: plusDays(today, -40),
        endsAt: plusDays(today, 90),
        reason: 'Phone call from the agent, documented',
      },
    });
    expect(oral.body.inForce).toBe(false);
    expect((await preview(patientId, plusDays(today, -10))).withheldForSuspension).toBe(1);
    expect((await preview(patientId)).withheldForSuspension).toBe(0);

    const written = await api.request('POST', `/api/v1/accounting-suspensions/${oral.body.id}/written-statement`, {
      token: officer.token,
      body: { receivedOn: plusDays(today, -15) },
    });
    expect(written.status).toBe(201);
    expect(written.body.inForce).toBe(true);
    expect((await preview(patientId)).withheldForSuspension).toBe(1);
    const again = await api.request('POST', `/api/v1/accounting-suspensions/${oral.body.id}/written-statement`, {
      token: officer.token,
      body: { receivedOn: plusDays(today, -14) },
    });
    expect(again.status).toBe(409);
  });

  it('refuses to provide while a listed disclosure lacks an element, naming it; after the correction it renders exactly the ledger (45 CFR 164.528(b)(2))', async () => {
    const patientId = await newPatient();
    const complete = await disclose(patientId, {
      recipient: { name: 'Tumor Registry of New York', address: '5 Research Park, Rensselaer, NY' },
      description: 'Pathology report',
      purpose: 'Cancer registry reporting',
    });
    const gap = await disclose(patientId, { recipient: { name: 'Workers Comp Board' }, category: 'workers_compensation', purpose: '' });
    for (const disclosedAt of [plusDays(today, -20), plusDays(today, -10)]) {
      await disclose(patientId, {
        disclosedAt,
        category: 'health_oversight',
        recipient: { name: 'State Licensing Board' },
        purpose: 'License investigation',
      });
    }
    await disclose(patientId, { category: 'payment', recipient: { name: 'Exempt Payer Inc' } });

    const request = await driver.create('accounting', { patientId });
    await driver.act(request.id, 'verify_identity', { method: 'photo_id_in_person', documentsRelied: 'Driver licence seen' });
    const refused = await driver.attempt(request.id, 'provide', {});
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toBe('ACCOUNTING_INCOMPLETE');
    expect(refused.body.errors).toEqual([{ field: `disclosures.${gap}.purpose`, message: `disclosure ${gap} lacks the purpose` }]);
    expect((await driver.get(request.id)).status).toBe('received');

    const fixed = await api.request('POST', `/api/v1/disclosures/${gap}/corrections`, {
      token: officer.token,
      body: { purpose: 'Workers’ compensation claim 77-A', reason: 'Purpose missing from the EHR export' },
    });
    expect(fixed.status).toBe(201);
    const provided = await driver.act(request.id, 'provide', {});
    expect(provided.status).toBe('provided');

    const snapshot = await db.query(`SELECT entries FROM accounting_snapshots WHERE request_id = $1`, [request.id]);
    expect(snapshot.rows[0].entries.flatMap((entry: Json) => entry.disclosureIds)).toEqual(
      expect.arrayContaining([complete, fixed.body.id]),
    );
    // A disclosure recorded after the accounting was provided does not change its letter.
    await disclose(patientId, { recipient: { name: 'Late Arrival Registry' } });

    const jobs = await db.query<{ payload: JobPayloads['document.render'] }>(
      `SELECT payload FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1 AND payload->>'template' = 'accounting'`,
      [request.id],
    );
    expect(jobs.rows).toHaveLength(1);
    await worker.app.get(JobRunner).run('document.render', jobs.rows[0].payload);
    const documents = await api.request('GET', `/api/v1/requests/${request.id}/documents`, { token: officer.token });
    const letter = (documents.body as Json[]).find((document) => document.template === 'accounting');
    const file = await fetch(`${api.baseUrl}${letter!.href}`, { headers: { authorization: `Bearer ${officer.token}` } });
    const pdf = Buffer.from(await file.arrayBuffer());
    expect(qpdfCheck(pdf)).toEqual({ ok: true, output: expect.any(String) });
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Tumor Registry of New York');
    expect(text).toContain('Workers’ compensation claim 77-A');
    expect(text).toMatch(/State Licensing Board.*License investigation/);
    expect(text).toContain('2 times');
    expect(text).not.toContain('Exempt Payer Inc');
    expect(text).not.toContain('Late Arrival Registry');
  });

  it('lets auditors read the preview, refuses it to the integration role, and audits each preview by patient id only', async () => {
    const patientId = await newPatient();
    expect((await api.request('GET', `/api/v1/patients/${patientId}/accounting`, { token: feed.token })).status).toBe(403);
    expect(
      (await api.request('GET', `/api/v1/patients/${patientId}/accounting?asOf=${plusDays(today, 1)}`, { token: officer.token })).status,
    ).toBe(422);
    await preview(patientId);
    const events = await api.request('GET', `/api/v1/audit-events?patientId=${patientId}&limit=50`, { token: auditor.token });
    expect(events.body.items.map((event: Json) => event.action)).toContain('accounting.preview');
    expect(JSON.stringify(events.body)).not.toMatch(/Ledgerwick|Odalys/);
  });
});
