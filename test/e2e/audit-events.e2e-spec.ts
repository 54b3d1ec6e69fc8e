import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

describe('audit log over HTTP (45 CFR 164.312(b) audit controls)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let admin: StaffMember;
  let auditor: StaffMember;

  beforeAll(async () => {
    api = await startTestApi();
    // The real worker with its schedules: the sealer runs every second, as in production.
    worker = await startTestWorker(api.config, { schedule: true });
    admin = await createStaff(api, ['admin']);
    auditor = await createStaff(api, ['auditor']);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function untilSealed(): Promise<{ ok: boolean; checked: number; pending: number }> {
    // Bounded wait for the background sealer; the bound is generous, the assertion is on the result.
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const verify = await api.request('GET', '/api/v1/audit-events/verify', { token: auditor.token });
      if (verify.body.pending === 0) return verify.body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('audit events were not sealed within 15 s');
  }

  it('seals 200 parallel audited writes into one unbroken chain within seconds', async () => {
    const targets = await Promise.all(Array.from({ length: 20 }, () => createStaff(api, ['auditor'])));
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        api.request('PATCH', `/api/v1/users/${targets[index % 20].user.id}`, { token: admin.token, body: { name: `Name ${index}` } }),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const result = await untilSealed();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(200);
    const updates = await api.request('GET', '/api/v1/audit-events?action=user.update&limit=200', { token: auditor.token });
    expect(updates.body.items).toHaveLength(200);
    const seqs = updates.body.items.map((event: { seq: string }) => Number(event.seq)).sort((a: number, b: number) => a - b);
    expect(new Set(seqs).size).toBe(200);
  }, 60_000);

  it('lists with filters and pages newest first, and audits the reading itself', async () => {
    const first = await api.request('GET', `/api/v1/audit-events?actorId=${admin.user.id}&action=user.update&limit=50`, {
      token: auditor.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    const ids = first.body.items.map((event: { id: string }) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = await api.request(
      'GET',
      `/api/v1/audit-events?actorId=${admin.user.id}&action=user.update&limit=50&cursor=${first.body.nextCursor}`,
      {
        token: auditor.token,
      },
    );
    expect(Number(second.body.items[0].id)).toBeLessThan(ids[ids.length - 1]);
    const reads = await api.request('GET', `/api/v1/audit-events?actorId=${auditor.user.id}&action=audit.list`, { token: auditor.token });
    expect(reads.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad filters with 422', async () => {
    for (const query of ['from=yesterday', 'actorId=42', 'patientId=x', 'limit=0', 'action=DROP%20TABLE', 'color=red']) {
      const response = await api.request('GET', `/api/v1/audit-events?${query}`, { token: auditor.token });
      expect([query, response.status]).toEqual([query, 422]);
    }
  });

  it('keeps reviewers out of the audit log (403)', async () => {
    const reviewer = await createStaff(api, ['reviewer']);
    expect((await api.request('GET', '/api/v1/audit-events', { token: reviewer.token })).status).toBe(403);
    expect((await api.request('GET', '/api/v1/audit-events/verify', { token: reviewer.token })).status).toBe(403);
  });
});
