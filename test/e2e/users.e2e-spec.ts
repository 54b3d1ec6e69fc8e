import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff, strongPassword, type StaffMember } from '../support/staff.js';

describe('users API (admin)', () => {
  let api: TestApi;
  let admin: StaffMember;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await createStaff(api, ['admin']);
  });
  afterAll(() => api.close());

  const create = (body: Record<string, unknown>) => api.request('POST', '/api/v1/users', { token: admin.token, body });

  it('creates a user and never returns the password or its hash', async () => {
    const password = strongPassword();
    const response = await create({ email: 'New.Officer@Clinic.example', name: 'New Officer', roles: ['privacy_officer'], password });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: 'new.officer@clinic.example', roles: ['privacy_officer'], active: true });
    expect(response.text).not.toContain(password);
    expect(response.text).not.toMatch(/argon2|passwordHash|tokenVersion/);
    expect(api.logs.text()).not.toContain(password);
  });

  it('refuses a second user with the same email in other letter case (409)', async () => {
    await create({ email: 'dup@clinic.example', name: 'A', roles: ['auditor'], password: strongPassword() });
    const again = await create({ email: 'DUP@clinic.example', name: 'B', roles: ['auditor'], password: strongPassword() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('refuses a weak password with 422 naming the rule', async () => {
    const response = await create({ email: 'weak@clinic.example', name: 'W', roles: ['auditor'], password: 'password' });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('password');
  });

  it('requires a licence for the reviewer role (45 CFR 164.524(a)(4): a licensed health care professional)', async () => {
    const without = await create({ email: 'rev@clinic.example', name: 'R', roles: ['reviewer'], password: strongPassword() });
    expect(without.status).toBe(422);
    expect(without.body.code).toBe('LICENCE_REQUIRED');
    const withLicence = await create({
      email: 'rev@clinic.example',
      name: 'R',
      roles: ['reviewer'],
      password: strongPassword(),
      licence: { profession: 'Psychologist (PhD)', number: 'PSY-77', jurisdiction: 'CA' },
    });
    expect(withLicence.status).toBe(201);
    expect(withLicence.body.licence).toEqual({ profession: 'Psychologist (PhD)', number: 'PSY-77', jurisdiction: 'CA' });
  });

  it.each([
    ['an unknown field', { email: 'u@clinic.example', name: 'U', roles: ['auditor'], password: strongPassword(), isAdmin: true }],
    ['an unknown role', { email: 'u@clinic.example', name: 'U', roles: ['superuser'], password: strongPassword() }],
    ['no roles', { email: 'u@clinic.example', name: 'U', roles: [], password: strongPassword() }],
    ['a bad email', { email: 'u-at-clinic', name: 'U', roles: ['auditor'], password: strongPassword() }],
    [
      'an unknown licence field',
      {
        email: 'u@clinic.example',
        name: 'U',
        roles: ['reviewer'],
        password: strongPassword(),
        licence: { profession: 'MD', number: '1', jurisdiction: 'NY', x: 1 },
      },
    ],
  ])('answers %s with 422 and stores nothing', async (_case, body) => {
    const before = (await api.request('GET', '/api/v1/users?limit=200', { token: admin.token })).body.items.length;
    const response = await create(body);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.length).toBeGreaterThan(0);
    expect((await api.request('GET', '/api/v1/users?limit=200', { token: admin.token })).body.items.length).toBe(before);
  });

  it('pages through users with an opaque cursor and refuses a forged one', async () => {
    for (let index = 0; index < 3; index += 1) {
      await create({ email: `page${index}@clinic.example`, name: `P${index}`, roles: ['auditor'], password: strongPassword() });
    }
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.request(
        'GET',
        `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin.token },
      );
      for (const user of page.body.items) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await api.request('GET', '/api/v1/users?limit=200', { token: admin.token });
    expect(seen.size).toBe(all.body.items.length);
    expect((await api.request('GET', '/api/v1/users?cursor=bm9wZQ', { token: admin.token })).status).toBe(422);
    expect((await api.request('GET', '/api/v1/users?limit=500', { token: admin.token })).status).toBe(422);
  });

  it('answers 404 for an unknown or malformed user id', async () => {
    expect((await api.request('GET', '/api/v1/users/6f1c1a4e-0000-4000-8000-000000000009', { token: admin.token })).status).toBe(404);
    expect((await api.request('PATCH', '/api/v1/users/not-a-uuid', { token: admin.token, body: { name: 'x' } })).status).toBe(404);
  });

  it('audits every change with ids only', async () => {
    const created = await create({
      email: 'audited@clinic.example',
      name: 'Audited Person',
      roles: ['auditor'],
      password: strongPassword(),
    });
    await api.request('PATCH', `/api/v1/users/${created.body.id}`, { token: admin.token, body: { name: 'Still Audited' } });
    const events = await api.request('GET', `/api/v1/audit-events?actorId=${admin.user.id}&limit=200`, { token: admin.token });
    const mine = events.body.items.filter((event: { targetId: string }) => event.targetId === created.body.id);
    expect(mine.map((event: { action: string }) => event.action).sort()).toEqual(['user.create', 'user.update']);
    expect(JSON.stringify(mine)).not.toMatch(/Audited Person|Still Audited|audited@clinic/);
  });
});
