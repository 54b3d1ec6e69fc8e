import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApi, type TestApi, type TestResponse } from '../support/api-app.js';
import { RequestDriver, SELF_PAY_RESTRICTION, plusDays, todayIn, type Json } from '../support/request-scenarios.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, strongPassword, type StaffMember } from '../support/staff.js';

const NDJSON = 'application/x-ndjson';
const CSV = 'text/csv';

describe('the disclosure ledger (45 CFR 164.528)', () => {
  let api: TestApi;
  let officer: StaffMember;
  let auditor: StaffMember;
  let admin: StaffMember;
  let integration: StaffMember;
  let db: pg.Client;
  let today: string;
  /** Every patient name this file made up: none may reach a log, an audit event or a notification. */
  const patientNames: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    [officer, auditor, admin, integration] = await Promise.all([
      createStaff(api, ['privacy_officer'], 'Pat Officer'),
      createStaff(api, ['auditor'], 'Aud Itor'),
      createStaff(api, ['admin'], 'Ad Min'),
      createStaff(api, ['integration'], 'EHR Feed'),
    ]);
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    today = todayIn(api.config.organisation.timeZone);
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  /** A registered patient with made-up, unique, remembered names. */
  async function createPatient(mrn?: string): Promise<{ id: string; givenName: string; familyName: string }> {
    const suffix = randomBytes(3).toString('hex');
    const givenName = `Ottoline${suffix}`;
    const familyName = `Brackenfold${suffix}`;
    rememberSecret(givenName, familyName);
    patientNames.push(givenName, familyName);
    const response = await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { givenName, familyName, dateOfBirth: '1968-09-21', ...(mrn ? { mrn } : {}) },
    });
    expect(response.status).toBe(201);
    return { id: response.body.id, givenName, familyName };
  }

  const disclose = (body: Json, token = officer.token) => api.request('POST', '/api/v1/disclosures', { token, body });
  const importFile = (text: string, contentType: string, token = officer.token) =>
    api.request('POST', '/api/v1/disclosures/import', { token, body: text, headers: { 'content-type': contentType } });
  const correct = (id: string, body: Json) => api.request('POST', `/api/v1/disclosures/${id}/corrections`, { token: officer.token, body });
  const getDisclosure = (id: string, token = officer.token) => api.request('GET', `/api/v1/disclosures/${id}`, { token });

  async function currentOf(patientId: string, query = ''): Promise<Json[]> {
    const response = await api.request('GET', `/api/v1/patients/${patientId}/disclosures${query}`, { token: auditor.token });
    expect(response.status).toBe(200);
    return response.body.items as Json[];
  }

  /** A complete, accountable disclosure for `patientId`. */
  const complete = (patientId: string, overrides: Json = {}): Json => ({
    patientId,
    disclosedAt: '2025-03-14',
    recipient: { name: 'County Public Health Department', address: '1 Civic Plaza, Springfield' },
    description: 'Immunisation record',
    purpose: 'Mandatory report of a notifiable disease',
    category: 'public_health',
    ...overrides,
  });

  const ndjson = (lines: readonly unknown[]) =>
    `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`;

  const expectStatus = (response: TestResponse, status: number) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status} ${response.text}`);
  };

  describe('POST /disclosures', () => {
    let patient: { id: string };

    beforeAll(async () => {
      patient = await createPatient();
    });

    it('records a disclosure, answers with its receipt, and adds nothing for a repeated source id (45 CFR 164.528(b)(2))', async () => {
      const body = complete(patient.id, { sourceSystem: 'ehr-one', sourceId: 'DSC-0001' });
      const first = await disclose(body, integration.token);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String), created: true, missing: [], restrictionConflicts: [] });

      const again = await disclose(body, integration.token);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ id: first.body.id, created: false, missing: [], restrictionConflicts: [] });
      expect(await currentOf(patient.id)).toHaveLength(1);

      const read = await getDisclosure(first.body.id, auditor.token);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: first.body.id,
        patientId: patient.id,
        disclosedOn: '2025-03-14',
        recipient: { name: 'County Public Health Department', address: '1 Civic Plaza, Springfield', agency: null },
        description: 'Immunisation record',
        purpose: 'Mandatory report of a notifiable disease',
        category: 'public_health',
        accountable: true,
        missing: [],
        madeBy: 'clinic',
        sourceSystem: 'ehr-one',
        sourceId: 'DSC-0001',
        supersedesId: null,
        correctionReason: null,
        voided: false,
        correctedBy: null,
        recordedBy: `user:${integration.user.id}`,
      });
    });

    it('marks treatment disclosures as not accountable (45 CFR 164.528(a)(1)(i))', async () => {
      const created = await disclose(
        complete(patient.id, { category: 'treatment', recipient: { name: 'Dr Referral' }, purpose: undefined, description: undefined }),
      );
      expect(created.status).toBe(201);
      // Nothing is missing from a disclosure no accounting will list.
      expect(created.body.missing).toEqual([]);
      const read = await getDisclosure(created.body.id);
      expect(read.body).toMatchObject({ category: 'treatment', accountable: false, missing: [], purpose: '', description: '' });
    });

    it('records an accountable disclosure that lacks its purpose but reports it missing (45 CFR 164.528(b)(2)(iv))', async () => {
      const created = await disclose(complete(patient.id, { purpose: undefined }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ created: true, missing: ['purpose'] });
      const read = await getDisclosure(created.body.id);
      expect(read.body).toMatchObject({ accountable: true, missing: ['purpose'], purpose: '' });

      const bare = await disclose(complete(patient.id, { purpose: undefined, description: '  ', recipient: {} }));
      expect(bare.status).toBe(201);
      expect(bare.body.missing).toEqual(['recipientName', 'description', 'purpose']);
    });

    it('refuses bad input with 422 naming the field; resolves a patient by MRN', async () => {
      const unknownField = await disclose({ ...complete(patient.id), diagnosis: 'secret' });
      expect(unknownField.status).toBe(422);
      expect(unknownField.body.errors).toContainEqual({ field: 'diagnosis', message: 'property diagnosis should not exist' });

      const nestedUnknown = await disclose(complete(patient.id, { recipient: { name: 'X Agency', phone: '555' } }));
      expect(nestedUnknown.status).toBe(422);
      expect(nestedUnknown.body.errors).toContainEqual(expect.objectContaining({ field: 'recipient.phone' }));

      const category = await disclose(complete(patient.id, { category: 'gossip' }));
      expect(category.status).toBe(422);
      expect(category.body.errors).toEqual([expect.objectContaining({ field: 'category' })]);

      const future = await disclose(complete(patient.id, { disclosedAt: plusDays(today, 2) }));
      expect(future.status).toBe(422);
      expect(future.body.errors).toEqual([{ field: 'disclosedAt', message: 'disclosedAt may not be in the future' }]);

      const noOffset = await disclose(complete(patient.id, { disclosedAt: '2025-03-14T10:00:00' }));
      expect(noOffset.status).toBe(422);
      expect(noOffset.body.errors).toEqual([expect.objectContaining({ field: 'disclosedAt' })]);

      const notADate = await disclose(complete(patient.id, { disclosedAt: '2025-02-30' }));
      expect(notADate.status).toBe(422);

      const unknownPatient = await disclose(complete(randomUUID()));
      expect(unknownPatient.status).toBe(422);
      expect(unknownPatient.body.errors).toEqual([{ field: 'patientId', message: 'patientId names no patient' }]);

      const unknownMrn = await disclose({ ...complete(patient.id), patientId: undefined, patientMrn: 'MRN-NOBODY' });
      expect(unknownMrn.status).toBe(422);
      expect(unknownMrn.body.errors).toEqual([{ field: 'patientMrn', message: 'patientMrn names no patient' }]);

      const noPatient = await disclose({ ...complete(patient.id), patientId: undefined });
      expect(noPatient.status).toBe(422);

      // A date-time with its offset is read in the organisation's zone.
      const withOffset = await disclose(complete(patient.id, { disclosedAt: '2025-03-14T12:00:00Z' }));
      expect(withOffset.status).toBe(201);

      const mrn = `MRN-${randomBytes(3).toString('hex')}`;
      const byMrn = await createPatient(mrn);
      const viaMrn = await disclose({ ...complete(byMrn.id), patientId: undefined, patientMrn: mrn });
      expect(viaMrn.status).toBe(201);
      expect((await getDisclosure(viaMrn.body.id)).body.patientId).toBe(byMrn.id);
    });
  });

  describe('POST /disclosures/import', () => {
    it('acceptance: importing the same 50-line NDJSON file twice adds nothing the second time (45 CFR 164.528(b)(2))', async () => {
      const patient = await createPatient();
      const text = ndjson(
        Array.from({ length: 50 }, (_, index) =>
          complete(patient.id, { sourceSystem: 'ehr-repeat', sourceId: `R-${index + 1}`, disclosedAt: plusDays('2025-01-01', index) }),
        ),
      );
      const first = await importFile(text, NDJSON, integration.token);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ imported: 50, duplicates: 0, rejectedTotal: 0, rejected: [], incomplete: 0, restrictionConflicts: 0 });
      expect(await currentOf(patient.id)).toHaveLength(50);

      const second = await importFile(text, `${NDJSON}; charset=utf-8`, integration.token);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ imported: 0, duplicates: 50, rejectedTotal: 0, rejected: [] });
      expect(await currentOf(patient.id)).toHaveLength(50);

      // The same source id twice inside one file is also one disclosure.
      const twice = ndjson([
        complete(patient.id, { sourceSystem: 'ehr-repeat', sourceId: 'R-twice' }),
        complete(patient.id, { sourceSystem: 'ehr-repeat', sourceId: 'R-twice' }),
      ]);
      expect((await importFile(twice, NDJSON)).body).toMatchObject({ imported: 1, duplicates: 1 });
      expect(await currentOf(patient.id)).toHaveLength(51);
      // The range filter reads disclosure dates, both ends included.
      expect(await currentOf(patient.id, '?from=2025-01-01&to=2025-01-10')).toHaveLength(10);
    });

    it('acceptance: 1,000 NDJSON lines with 3 bad ones import 997 and report exactly the 3 by line number', async () => {
      const patient = await createPatient();
      const lines: unknown[] = Array.from({ length: 1000 }, (_, index) =>
        complete(patient.id, { sourceSystem: 'ehr-bulk', sourceId: `B-${index + 1}`, disclosedAt: plusDays('2024-01-01', index % 300) }),
      );
      lines[9] = '{"patientId": "oops",';
      lines[499] = complete(patient.id, { sourceSystem: 'ehr-bulk', sourceId: 'B-500', category: 'gossip' });
      lines[999] = complete(patient.id, { sourceSystem: 'ehr-bulk' });
      const response = await importFile(ndjson(lines), NDJSON, integration.token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 997, duplicates: 0, rejectedTotal: 3, incomplete: 0, restrictionConflicts: 0 });
      expect(response.body.rejected).toEqual([
        { line: 10, errors: [{ field: 'line', message: 'not valid JSON' }] },
        { line: 500, errors: [expect.objectContaining({ field: 'category' })] },
        { line: 1000, errors: [expect.objectContaining({ field: 'sourceId' })] },
      ]);
      expect(await currentOf(patient.id)).toHaveLength(997);

      // One disclosure.create per patient per batch, naming every id written.
      const events = await api.request('GET', `/api/v1/audit-events?patientId=${patient.id}&action=disclosure.create&limit=200`, {
        token: auditor.token,
      });
      const ids = events.body.items.flatMap((event: Json) => event.details.disclosureIds as string[]);
      expect(new Set(ids).size).toBe(997);
      expect(events.body.items.length).toBeLessThanOrEqual(2);
    });

    it('imports CSV: dotted headers, a quoted comma and newline, a short row reported by its line', async () => {
      const patient = await createPatient();
      const header = 'patientId,disclosedAt,recipient.name,recipient.address,description,purpose,category,sourceSystem,sourceId';
      const text = [
        header,
        `${patient.id},2025-04-01,State Cancer Registry,"12 Main St, Albany",Tumour registry abstract,Cancer registry reporting,public_health,ehr-csv,C-1`,
        `${patient.id},2025-04-02,"Gateway Courts, Clerk","PO Box 9`,
        `Springfield",Records under subpoena,"Subpoena No. 25-104, ""urgent""",judicial,ehr-csv,C-2`,
        `${patient.id},2025-04-03,Short Row Agency,,Missing a field,Report,public_health,ehr-csv`,
        `${patient.id},2025-04-04,Labour Department,,Injury report,Workers comp claim,workers_compensation,ehr-csv,C-4`,
        '',
      ].join('\r\n');
      const response = await importFile(text, CSV, integration.token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 3, duplicates: 0, rejectedTotal: 1, incomplete: 0 });
      expect(response.body.rejected).toEqual([{ line: 5, errors: [{ field: 'line', message: 'expected 9 fields, found 8' }] }]);

      const items = await currentOf(patient.id);
      const bySource = Object.fromEntries(items.map((item) => [item.sourceId, item]));
      expect(Object.keys(bySource).sort()).toEqual(['C-1', 'C-2', 'C-4']);
      expect(bySource['C-1']).toMatchObject({
        disclosedOn: '2025-04-01',
        recipient: { name: 'State Cancer Registry', address: '12 Main St, Albany' },
        category: 'public_health',
        sourceSystem: 'ehr-csv',
      });
      expect(bySource['C-2']).toMatchObject({
        recipient: { name: 'Gateway Courts, Clerk', address: 'PO Box 9\r\nSpringfield' },
        description: 'Records under subpoena',
        purpose: 'Subpoena No. 25-104, "urgent"',
        category: 'judicial',
      });
      expect(bySource['C-4']).toMatchObject({ recipient: { name: 'Labour Department', address: null }, accountable: true });

      // Again: every recorded line is a duplicate, the bad row is still reported.
      expect((await importFile(text, CSV, integration.token)).body).toMatchObject({ imported: 0, duplicates: 3, rejectedTotal: 1 });
    });

    it('refuses other content types with 415 and a CSV without a header with 422', async () => {
      expect((await importFile('{"a":1}', 'application/json')).status).toBe(415);
      expect((await importFile('a,b', 'text/plain')).status).toBe(415);
      expect((await importFile('<a/>', 'application/xml')).status).toBe(415);
      expect((await importFile('', CSV)).status).toBe(422);
    });
  });

  describe('corrections', () => {
    let patient: { id: string };

    beforeAll(async () => {
      patient = await createPatient();
    });

    it('a correction supersedes the row it corrects; the old row names its correction (45 CFR 164.528(b)(2))', async () => {
      const original = await disclose(complete(patient.id, { recipient: { name: 'County Health Dept' } }));
      expectStatus(original, 201);
      const correction = await correct(original.body.id, {
        reason: 'Sent to the state, not the county',
        recipient: { name: 'State Health Dept' },
      });
      expect(correction.status).toBe(201);
      expect(correction.body).toMatchObject({
        supersedesId: original.body.id,
        correctionReason: 'Sent to the state, not the county',
        recipient: { name: 'State Health Dept' },
        description: 'Immunisation record',
        category: 'public_health',
        voided: false,
        correctedBy: null,
      });

      const current = await currentOf(patient.id);
      expect(current.map((item) => item.id)).toEqual([correction.body.id]);
      expect(current[0].recipient.name).toBe('State Health Dept');

      const old = await getDisclosure(original.body.id, auditor.token);
      expect(old.body).toMatchObject({ id: original.body.id, correctedBy: correction.body.id, recipient: { name: 'County Health Dept' } });

      // Correcting the old row again is refused: correct the newest version.
      const again = await correct(original.body.id, { reason: 'Second thoughts' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CORRECTED' });
      // The newest version may be corrected.
      expect((await correct(correction.body.id, { reason: 'Add the purpose reference', purpose: 'Statute 12.3' })).status).toBe(201);
      expect((await currentOf(patient.id)).map((item) => item.purpose)).toEqual(['Statute 12.3']);
    });

    it('a void removes the disclosure from the list, and a void cannot be corrected', async () => {
      const entered = await disclose(complete(patient.id, { disclosedAt: '2025-05-05', sourceId: 'VOID-1', sourceSystem: 'ehr-void' }));
      expectStatus(entered, 201);
      expect((await currentOf(patient.id)).map((item) => item.id)).toContain(entered.body.id);
      const voided = await correct(entered.body.id, { reason: 'Entered in error', voided: true });
      expect(voided.status).toBe(201);
      expect(voided.body).toMatchObject({ voided: true, supersedesId: entered.body.id });
      const ids = (await currentOf(patient.id)).map((item) => item.id);
      expect(ids).not.toContain(entered.body.id);
      expect(ids).not.toContain(voided.body.id);
      const onVoid = await correct(voided.body.id, { reason: 'Undo' });
      expect(onVoid.status).toBe(409);
      expect(onVoid.body.reason).toBe('VOIDED');
      // The source id stays with the first row: the feed sending it again adds nothing back.
      const resent = await disclose(complete(patient.id, { disclosedAt: '2025-05-05', sourceId: 'VOID-1', sourceSystem: 'ehr-void' }));
      expect(resent.status).toBe(200);
      expect(resent.body.id).toBe(entered.body.id);
    });

    it('refuses bad corrections: no reason, a future date, an unknown patient, an unknown disclosure', async () => {
      const target = await disclose(complete(patient.id, { disclosedAt: '2025-06-01' }));
      expect((await correct(target.body.id, { purpose: 'x' })).status).toBe(422);
      expect((await correct(target.body.id, { reason: 'r', disclosedAt: plusDays(today, 3) })).status).toBe(422);
      expect((await correct(target.body.id, { reason: 'r', patientId: randomUUID() })).status).toBe(422);
      expect((await correct(target.body.id, { reason: 'r', sourceId: 'x' })).status).toBe(422);
      expect((await correct(randomUUID(), { reason: 'r' })).status).toBe(404);
      expect((await getDisclosure(randomUUID())).status).toBe(404);
      expect((await correct(target.body.id, { reason: 'r' })).status).toBe(201);
    });

    it('two corrections of one row at once: exactly one 201 and one 409', async () => {
      const target = await disclose(complete(patient.id, { disclosedAt: '2025-07-01' }));
      expectStatus(target, 201);
      const answers = await Promise.all([
        correct(target.body.id, { reason: 'First officer', description: 'Lab results' }),
        correct(target.body.id, { reason: 'Second officer', description: 'Imaging' }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body.reason).toBe('ALREADY_CORRECTED');
      const winner = answers.find((answer) => answer.status === 201)?.body;
      expect((await getDisclosure(target.body.id)).body.correctedBy).toBe(winner.id);
    });

    it('the table is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      const target = await disclose(complete(patient.id, { disclosedAt: '2025-08-01' }));
      expectStatus(target, 201);
      await expect(db.query(`UPDATE disclosures SET purpose = 'tampered' WHERE id = $1`, [target.body.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM disclosures WHERE id = $1`, [target.body.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE disclosures CASCADE`)).rejects.toThrow(/append-only/);
      expect((await getDisclosure(target.body.id)).body.purpose).toBe('Mandatory report of a notifiable disease');
    });
  });

  describe('roles', () => {
    it('an integration account may write disclosures and nothing else', async () => {
      const patient = await createPatient();
      const created = await disclose(complete(patient.id), integration.token);
      expect(created.status).toBe(201);
      const imported = await importFile(ndjson([complete(patient.id, { sourceId: 'INT-1' })]), NDJSON, integration.token);
      expect(imported.status).toBe(200);
      expect(imported.body.imported).toBe(1);

      const refused: [string, string, Json?][] = [
        ['GET', `/api/v1/disclosures/${created.body.id}`],
        ['POST', `/api/v1/disclosures/${created.body.id}/corrections`, { reason: 'r' }],
        ['GET', `/api/v1/patients/${patient.id}/disclosures`],
        ['GET', '/api/v1/patients'],
        ['GET', `/api/v1/patients/${patient.id}`],
        ['POST', '/api/v1/patients', { givenName: 'Int', familyName: 'Egration', dateOfBirth: '1990-01-01' }],
        ['GET', '/api/v1/requests'],
        ['GET', '/api/v1/audit-events'],
        ['GET', '/api/v1/notifications'],
        ['GET', '/api/v1/users'],
      ];
      for (const [method, path, body] of refused) {
        const response = await api.request(method, path, { token: integration.token, body });
        expect([method, path, response.status]).toEqual([method, path, 403]);
      }
    });

    it('an auditor reads but may not record, import or correct', async () => {
      const patient = await createPatient();
      const created = await disclose(complete(patient.id));
      expect((await disclose(complete(patient.id), auditor.token)).status).toBe(403);
      expect((await importFile(ndjson([complete(patient.id, { sourceId: 'AUD-1' })]), NDJSON, auditor.token)).status).toBe(403);
      expect(
        (await api.request('POST', `/api/v1/disclosures/${created.body.id}/corrections`, { token: auditor.token, body: { reason: 'r' } }))
          .status,
      ).toBe(403);
      expect((await getDisclosure(created.body.id, auditor.token)).status).toBe(200);
      // An admin may do what a privacy officer may.
      expect((await disclose(complete(patient.id), admin.token)).status).toBe(201);
    });

    it('the integration role is held alone: combining it is refused with 422', async () => {
      const create = (roles: string[]) =>
        api.request('POST', '/api/v1/users', {
          token: admin.token,
          body: { email: `feed-${randomBytes(4).toString('hex')}@clinic.example`, name: 'Feed', roles, password: strongPassword() },
        });
      const combined = await create(['integration', 'auditor']);
      expect(combined.status).toBe(422);
      expect(combined.body.errors).toContainEqual(expect.objectContaining({ field: 'roles' }));
      expect((await create(['integration'])).status).toBe(201);
    });
  });

  describe('restriction conflicts (45 CFR 164.522(a)(1)(vi))', () => {
    let patient: { id: string; givenName: string; familyName: string };
    let restriction: Json;

    beforeAll(async () => {
      patient = await createPatient();
      const driver = new RequestDriver(api, officer.token);
      restriction = await driver.create('restriction', { patientId: patient.id, details: SELF_PAY_RESTRICTION });
      await driver.act(restriction.id, 'agree');
    });

    const notificationsOf = async (token: string, query = ''): Promise<Json[]> => {
      const response = await api.request('GET', `/api/v1/notifications${query}`, { token });
      expect(response.status).toBe(200);
      return response.body.items as Json[];
    };

    it('flags a payment disclosure to the restricted health plan and notifies the privacy officers without patient data (45 CFR 164.522(a)(1)(vi))', async () => {
      const flagged = await disclose(
        complete(patient.id, {
          disclosedAt: today,
          category: 'payment',
          recipient: { name: 'Acme Health Plan, Inc.' },
          description: 'Claim for therapy sessions',
          purpose: 'Claim submission',
        }),
        integration.token,
      );
      expect(flagged.status).toBe(201);
      expect(flagged.body.restrictionConflicts).toEqual([
        { requestId: restriction.id, reference: restriction.reference, citation: '45 CFR 164.522(a)(1)(vi)' },
      ]);
      expect((await getDisclosure(flagged.body.id)).body.restrictionConflicts).toEqual(flagged.body.restrictionConflicts);

      for (const member of [officer, admin]) {
        const notes = (await notificationsOf(member.token)).filter((note) => note.link === `/api/v1/disclosures/${flagged.body.id}`);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatchObject({ kind: 'disclosure.restriction_conflict', readAt: null });
        expect(notes[0].subject).toContain(restriction.reference);
        expect(JSON.stringify(notes[0])).not.toContain(patient.familyName);
        expect(JSON.stringify(notes[0])).not.toContain(patient.givenName);
      }
      expect(await notificationsOf(auditor.token)).toEqual([]);

      const note = (await notificationsOf(officer.token)).find((item) => item.link === `/api/v1/disclosures/${flagged.body.id}`) as Json;
      // Someone else's notification is not theirs to mark.
      expect((await api.request('POST', `/api/v1/notifications/${note.id}/read`, { token: auditor.token })).status).toBe(404);
      expect((await api.request('POST', `/api/v1/notifications/${note.id}/read`, { token: officer.token })).status).toBe(204);
      expect((await api.request('POST', `/api/v1/notifications/${note.id}/read`, { token: officer.token })).status).toBe(204);
      const after = (await notificationsOf(officer.token)).find((item) => item.id === note.id) as Json;
      expect(after.readAt).toEqual(expect.any(String));
      expect((await notificationsOf(officer.token, '?unread=true')).map((item) => item.id)).not.toContain(note.id);
      // The admin's copy is still unread.
      expect((await notificationsOf(admin.token, '?unread=true')).map((item) => item.link)).toContain(
        `/api/v1/disclosures/${flagged.body.id}`,
      );
    });

    it('does not flag a disclosure to another recipient, before the agreement, or for another purpose (45 CFR 164.522(a)(1)(vi))', async () => {
      const before = (await notificationsOf(officer.token)).length;
      const other = await disclose(
        complete(patient.id, { disclosedAt: today, category: 'payment', recipient: { name: 'Bolt Mutual Insurance' }, purpose: 'Claim' }),
      );
      expect(other.status).toBe(201);
      expect(other.body.restrictionConflicts).toEqual([]);
      const earlier = await disclose(
        complete(patient.id, { disclosedAt: plusDays(today, -1), category: 'payment', recipient: { name: 'Acme Health Plan' } }),
      );
      expect(earlier.body.restrictionConflicts).toEqual([]);
      const treatment = await disclose(
        complete(patient.id, { disclosedAt: today, category: 'treatment', recipient: { name: 'Acme Health Plan' } }),
      );
      expect(treatment.body.restrictionConflicts).toEqual([]);
      expect(await notificationsOf(officer.token)).toHaveLength(before);
    });

    it('counts flagged lines in an import report (45 CFR 164.522(a)(1)(vi))', async () => {
      const report = await importFile(
        ndjson([
          complete(patient.id, { disclosedAt: today, category: 'payment', recipient: { name: 'acme  health plan' }, sourceId: 'RC-1' }),
          complete(patient.id, { disclosedAt: today, category: 'payment', recipient: { name: 'Bolt Mutual' }, sourceId: 'RC-2' }),
        ]),
        NDJSON,
        integration.token,
      );
      expect(report.body).toMatchObject({ imported: 2, restrictionConflicts: 1 });
    });

    it('audits every write by id, with no patient name (45 CFR 164.312(b))', async () => {
      const current = await currentOf(patient.id);
      const events = await api.request('GET', `/api/v1/audit-events?patientId=${patient.id}&limit=200`, { token: auditor.token });
      expect(events.status).toBe(200);
      const creates = events.body.items.filter((event: Json) => event.action === 'disclosure.create');
      const ids = creates.flatMap((event: Json) => event.details.disclosureIds as string[]);
      expect(ids.sort()).toEqual(current.map((item) => item.id).sort());
      for (const event of creates) expect(event).toMatchObject({ targetType: 'disclosure', patientId: patient.id });
      expect(creates.find((event: Json) => event.details.count === 1)?.targetId).toEqual(expect.any(String));
      expect(events.body.items.map((event: Json) => event.action)).toEqual(expect.arrayContaining(['disclosure.read', 'disclosure.list']));

      const corrections = await api.request('GET', `/api/v1/audit-events?action=disclosure.correct&limit=200`, { token: auditor.token });
      expect(corrections.body.items.length).toBeGreaterThanOrEqual(5);
      const imports = await api.request('GET', `/api/v1/audit-events?action=disclosure.import&limit=200`, { token: auditor.token });
      expect(imports.body.items.length).toBeGreaterThanOrEqual(5);
      expect(imports.body.items[0].details).toEqual(expect.objectContaining({ format: expect.any(String), imported: expect.any(Number) }));

      const all = await api.request('GET', `/api/v1/audit-events?limit=200`, { token: auditor.token });
      const text = JSON.stringify([events.body, corrections.body, imports.body, all.body]);
      for (const name of patientNames) expect(text).not.toContain(name);
    });
  });

  describe('edges found in review', () => {
    let patient: { id: string };

    beforeAll(async () => {
      patient = await createPatient();
    });

    it('a disclosure without a recipient object is recorded as incomplete, never a 500 (45 CFR 164.528(b)(2)(ii))', async () => {
      const response = await disclose({ ...complete(patient.id), recipient: undefined });
      expect(response.status).toBe(201);
      expect(response.body.missing).toEqual(['recipientName']);
    });

    it('a CSV row with empty recipient cells is recorded and reported incomplete, not a 500 for the whole import (45 CFR 164.528(b)(2)(ii))', async () => {
      const text = [
        'patientId,disclosedAt,recipient.name,recipient.address,description,purpose,category,sourceSystem,sourceId',
        `${patient.id},2025-02-01,Named Agency,,Report,Statute,public_health,ehr-bug,NR-1`,
        `${patient.id},2025-02-02,,,Report,Statute,public_health,ehr-bug,NR-2`,
      ].join('\n');
      const response = await importFile(text, CSV);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 2, incomplete: 1, rejectedTotal: 0 });
    });

    it('repeating a POST whose source id has surrounding spaces answers 200 with the same id, not a 500', async () => {
      const body = complete(patient.id, { sourceSystem: 'ehr-bug', sourceId: ' SP-1 ' });
      const first = await disclose(body);
      expect(first.status).toBe(201);
      const again = await disclose(body);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('an import line whose sourceId is only spaces is refused, so that importing the file again adds nothing', async () => {
      const text = ndjson([complete(patient.id, { disclosedAt: '2025-02-03', sourceSystem: 'ehr-bug', sourceId: '   ' })]);
      const first = await importFile(text, NDJSON);
      expect(first.body).toMatchObject({ imported: 0, rejectedTotal: 1 });
    });

    it('refuses a body that names the patient twice, by id and by MRN', async () => {
      const response = await disclose({ ...complete(patient.id), patientMrn: 'ANY-MRN' });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ field: 'patientMrn', message: 'give patientId or patientMrn, not both' }]);
    });
  });
});
