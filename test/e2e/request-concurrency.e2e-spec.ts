import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff, type StaffMember } from '../support/staff.js';

describe('two people acting on one request at once', () => {
  let api: TestApi;
  let officers: StaffMember[];

  beforeAll(async () => {
    api = await startTestApi();
    officers = [await createStaff(api, ['privacy_officer']), await createStaff(api, ['privacy_officer'])];
  });
  afterAll(() => api.close());

  async function newAccessRequest(): Promise<{ id: string; version: number }> {
    const created = await api.request('POST', '/api/v1/requests', {
      token: officers[0].token,
      body: {
        type: 'access',
        channel: 'mail',
        patient: { givenName: 'Casey', familyName: 'Concurrent', dateOfBirth: '1975-05-05' },
        details: { accessType: 'copy', recordsRequested: 'all', format: 'paper' },
      },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('lets exactly one of two parallel actions win; the other gets 409 and the timeline has one event', async () => {
    for (let round = 0; round < 5; round += 1) {
      const request = await newAccessRequest();
      const [first, second] = await Promise.all(
        officers.map((officer, index) =>
          api.request('POST', `/api/v1/requests/${request.id}/actions/${index === 0 ? 'grant' : 'deny'}`, {
            token: officer.token,
            body:
              index === 0
                ? { accessType: 'copy', format: 'paper', delivery: 'mail' }
                : { grounds: ['psychotherapy_notes'], basis: 'Psychotherapy notes are not covered.' },
          }),
        ),
      );
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const loser = first.status === 409 ? first : second;
      expect(loser.body).toMatchObject({ status: 409, code: expect.stringMatching(/STALE_VERSION|ACTION_NOT_ALLOWED/) });
      const detail = await api.request('GET', `/api/v1/requests/${request.id}`, { token: officers[0].token });
      expect(detail.body.version).toBe(2);
      expect(detail.body.timeline.map((event: { action: string }) => event.action)).toHaveLength(2);
    }
  });

  it('refuses a stale expectedVersion with 409 STALE_VERSION and changes nothing', async () => {
    const request = await newAccessRequest();
    const ok = await api.request('POST', `/api/v1/requests/${request.id}/actions/verify_identity`, {
      token: officers[0].token,
      body: { method: 'photo_id_in_person', expectedVersion: 1 },
    });
    expect(ok.status).toBe(200);
    const stale = await api.request('POST', `/api/v1/requests/${request.id}/actions/grant`, {
      token: officers[1].token,
      body: { accessType: 'copy', format: 'paper', delivery: 'mail', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION' });
    const detail = await api.request('GET', `/api/v1/requests/${request.id}`, { token: officers[0].token });
    expect(detail.body).toMatchObject({ status: 'received', version: 2 });
  });

  it('gives 50 requests made at once 50 distinct references', async () => {
    const created = await Promise.all(Array.from({ length: 50 }, () => newAccessRequest()));
    const references = new Set(created.map((request) => (request as unknown as { reference: string }).reference));
    expect(references.size).toBe(50);
    for (const reference of references) expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);
  });
});
