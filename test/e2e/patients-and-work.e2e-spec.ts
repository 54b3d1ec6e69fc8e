import { createHash } from 'node:crypto';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';

describe('patients, notes, attachments and assignment', () => {
  let api: TestApi;
  let officer: StaffMember;
  let auditor: StaffMember;

  beforeAll(async () => {
    api = await startTestApi();
    officer = await createStaff(api, ['privacy_officer']);
    auditor = await createStaff(api, ['auditor']);
    rememberSecret('Quillfeather', 'Zanzibaria');
  });
  afterAll(() => api.close());

  const patientBody = {
    givenName: 'Zanzibaria',
    familyName: 'Quillfeather',
    dateOfBirth: '1961-06-15',
    mrn: 'MRN-77001',
    email: 'zq@example.test',
  };

  it('creates, finds and reads a patient, auditing each touch by id only', async () => {
    const created = await api.request('POST', '/api/v1/patients', { token: officer.token, body: patientBody });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ givenName: 'Zanzibaria', mrn: 'MRN-77001' });
    const found = await api.request('GET', '/api/v1/patients?q=quill', { token: auditor.token });
    expect(found.body.items.map((patient: { id: string }) => patient.id)).toEqual([created.body.id]);
    expect((await api.request('GET', '/api/v1/patients?q=MRN-77001', { token: officer.token })).body.items).toHaveLength(1);
    expect((await api.request('GET', `/api/v1/patients/${created.body.id}`, { token: auditor.token })).status).toBe(200);
    const events = await api.request('GET', `/api/v1/audit-events?patientId=${created.body.id}&limit=50`, { token: auditor.token });
    expect(events.body.items.map((event: { action: string }) => event.action).sort()).toEqual([
      'patient.create',
      'patient.read',
      'patient.search',
      'patient.search',
    ]);
    expect(JSON.stringify(events.body)).not.toMatch(/Quillfeather|Zanzibaria|zq@example/);
  });

  it('refuses a duplicate MRN (409), a bad date of birth and unknown fields (422), and an auditor writing (403)', async () => {
    expect((await api.request('POST', '/api/v1/patients', { token: officer.token, body: patientBody })).status).toBe(409);
    expect(
      (
        await api.request('POST', '/api/v1/patients', {
          token: officer.token,
          body: { ...patientBody, mrn: undefined, dateOfBirth: '1961-02-30' },
        })
      ).status,
    ).toBe(422);
    const extra = await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { ...patientBody, mrn: 'X1', ssn: '000-00-0000' },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toContainEqual({ field: 'ssn', message: 'property ssn should not exist' });
    expect((await api.request('POST', '/api/v1/patients', { token: auditor.token, body: patientBody })).status).toBe(403);
    expect((await api.request('GET', '/api/v1/patients/6f1c1a4e-0000-4000-8000-000000000009', { token: officer.token })).status).toBe(404);
  });

  it('lists the arrangements in force for an EHR: an agreed restriction, an accommodated channel (45 CFR 164.522)', async () => {
    const patient = (
      await api.request('POST', '/api/v1/patients', {
        token: officer.token,
        body: { givenName: 'Rae', familyName: 'Strict', dateOfBirth: '1970-01-01' },
      })
    ).body;
    const restriction = await api.request('POST', '/api/v1/requests', {
      token: officer.token,
      body: {
        type: 'restriction',
        patientId: patient.id,
        channel: 'mail',
        details: { scope: 'Nothing to my employer clinic.', purpose: 'treatment' },
      },
    });
    await api.request('POST', `/api/v1/requests/${restriction.body.id}/actions/agree`, { token: officer.token, body: {} });
    const channel = await api.request('POST', '/api/v1/requests', {
      token: officer.token,
      body: {
        type: 'confidential_communication',
        patientId: patient.id,
        channel: 'phone',
        details: { alternativeContactMethod: 'Mobile only' },
      },
    });
    await api.request('POST', `/api/v1/requests/${channel.body.id}/actions/accommodate`, {
      token: officer.token,
      body: { alternativeContactMethod: 'Mobile only' },
    });
    const arrangements = await api.request('GET', `/api/v1/patients/${patient.id}/restrictions`, { token: auditor.token });
    expect(arrangements.status).toBe(200);
    expect(arrangements.body.restrictions).toHaveLength(1);
    expect(arrangements.body.restrictions[0]).toMatchObject({
      requestId: restriction.body.id,
      status: 'agreed',
      terms: { scope: 'Nothing to my employer clinic.' },
    });
    expect(arrangements.body.confidentialCommunications).toHaveLength(1);
    expect(arrangements.body.optOuts).toEqual([]);
  });

  describe('on a request', () => {
    let requestId: string;

    beforeAll(async () => {
      const created = await api.request('POST', '/api/v1/requests', {
        token: officer.token,
        body: {
          type: 'access',
          channel: 'in_person',
          patient: { givenName: 'Wren', familyName: 'Worker', dateOfBirth: '1982-03-03' },
          requester: {
            type: 'personal_representative',
            name: 'Sam Worker',
            relationship: 'spouse',
            authority: { basis: 'healthcare_power_of_attorney', scope: 'All records' },
          },
          details: { accessType: 'both', recordsRequested: 'All', format: 'paper', delivery: 'pickup' },
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.requester).toMatchObject({
        type: 'personal_representative',
        authority: { basis: 'healthcare_power_of_attorney' },
      });
      requestId = created.body.id;
    });

    it('requires a personal representative’s authority (45 CFR 164.502(g))', async () => {
      const response = await api.request('POST', '/api/v1/requests', {
        token: officer.token,
        body: {
          type: 'access',
          channel: 'mail',
          patient: { givenName: 'No', familyName: 'Authority', dateOfBirth: '1982-03-03' },
          requester: { type: 'personal_representative', name: 'Someone' },
          details: { accessType: 'copy', recordsRequested: 'All', format: 'paper' },
        },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'requester.authority' }));
    });

    it('keeps internal notes for staff', async () => {
      const note = await api.request('POST', `/api/v1/requests/${requestId}/notes`, {
        token: officer.token,
        body: { body: 'Called the spouse; POA copy on file.' },
      });
      expect(note.status).toBe(201);
      const notes = await api.request('GET', `/api/v1/requests/${requestId}/notes`, { token: auditor.token });
      expect(notes.body.map((item: { body: string }) => item.body)).toEqual(['Called the spouse; POA copy on file.']);
      expect((await api.request('POST', `/api/v1/requests/${requestId}/notes`, { token: auditor.token, body: { body: 'x' } })).status).toBe(
        403,
      );
    });

    it('stores the document relied on for authority, and serves it back with its SHA-256', async () => {
      const file = Buffer.from('%PDF-1.4\nsynthetic power of attorney\n%%EOF\n');
      const uploaded = await api.request('POST', `/api/v1/requests/${requestId}/attachments`, {
        token: officer.token,
        body: {
          kind: 'authority',
          description: 'Healthcare power of attorney',
          filename: 'poa.pdf',
          contentType: 'application/pdf',
          contentBase64: file.toString('base64'),
        },
      });
      expect(uploaded.status).toBe(201);
      const sha256 = createHash('sha256').update(file).digest('hex');
      expect(uploaded.body).toMatchObject({ kind: 'authority', sizeBytes: file.length, sha256 });
      const response = await fetch(`${api.baseUrl}/api/v1/requests/${requestId}/attachments/${uploaded.body.id}`, {
        headers: { authorization: `Bearer ${auditor.token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
      expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
      const bad = await api.request('POST', `/api/v1/requests/${requestId}/attachments`, {
        token: officer.token,
        body: {
          kind: 'authority',
          description: 'x',
          filename: '../etc/passwd',
          contentType: 'application/x-sh',
          contentBase64: 'not base64!',
        },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['contentBase64', 'contentType', 'filename']);
    });

    it('assigns to staff with a version check, and refuses an unknown assignee', async () => {
      const current = (await api.request('GET', `/api/v1/requests/${requestId}`, { token: officer.token })).body;
      const assigned = await api.request('PUT', `/api/v1/requests/${requestId}/assignee`, {
        token: officer.token,
        body: { assigneeId: officer.user.id, expectedVersion: current.version },
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ assigneeId: officer.user.id, version: current.version + 1 });
      expect(
        (
          await api.request('PUT', `/api/v1/requests/${requestId}/assignee`, {
            token: officer.token,
            body: { assigneeId: null, expectedVersion: current.version },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await api.request('PUT', `/api/v1/requests/${requestId}/assignee`, {
            token: officer.token,
            body: { assigneeId: '6f1c1a4e-0000-4000-8000-000000000009' },
          })
        ).status,
      ).toBe(422);
      const mine = await api.request('GET', `/api/v1/requests?assigneeId=${officer.user.id}`, { token: officer.token });
      expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([requestId]);
    });
  });
});
