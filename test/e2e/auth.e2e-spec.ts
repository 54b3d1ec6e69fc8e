import { MAX_ACCOUNT_FAILURES } from '#auth';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, strongPassword, type StaffMember } from '../support/staff.js';

describe('staff sign-in (45 CFR 164.312(a)(2)(i) unique user identification, (d) authentication)', () => {
  let api: TestApi;
  let admin: StaffMember;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await createStaff(api, ['admin'], 'Ada Admin');
  });

  // close() fails the suite if any password or token used here reached a log line.
  afterAll(() => api.close());

  it('signs in with email and password, case-insensitively by email, and answers /auth/me', async () => {
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email: admin.email.toUpperCase(), password: admin.password } });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ expiresIn: 900, user: { id: admin.user.id, email: admin.email, roles: ['admin'] } });
    expect(login.body.user.passwordHash).toBeUndefined();
    rememberSecret(login.body.accessToken);
    const me = await api.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: admin.user.id, name: 'Ada Admin' });
  });

  it('gives the same 401 for an unknown email and for a wrong password', async () => {
    const unknown = await api.request('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@clinic.example', password: 'Wrong-Password-1!' },
    });
    const wrong = await api.request('POST', '/api/v1/auth/login', { body: { email: admin.email, password: 'Wrong-Password-1!' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect({ ...unknown.body, instance: undefined }).toEqual({ ...wrong.body, instance: undefined });
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses the 11th wrong password for one account within 15 minutes with 429, while another account still signs in', async () => {
    const target = await createStaff(api, ['auditor']);
    const other = await createStaff(api, ['privacy_officer']);
    for (let attempt = 1; attempt <= MAX_ACCOUNT_FAILURES; attempt += 1) {
      const response = await api.request('POST', '/api/v1/auth/login', {
        body: { email: target.email, password: `Wrong-${attempt}-Password!` },
      });
      expect(response.status).toBe(401);
    }
    const eleventh = await api.request('POST', '/api/v1/auth/login', { body: { email: target.email, password: 'Wrong-11-Password!' } });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused while the account is locked out.
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: target.email, password: target.password } })).status).toBe(
      429,
    );
    const otherLogin = await api.request('POST', '/api/v1/auth/login', { body: { email: other.email, password: other.password } });
    expect(otherLogin.status).toBe(200);
    rememberSecret(otherLogin.body.accessToken);
  }, 60_000);

  it('stops a deactivated user’s token at once', async () => {
    const staff = await createStaff(api, ['auditor']);
    expect((await api.request('GET', '/api/v1/auth/me', { token: staff.token })).status).toBe(200);
    const patch = await api.request('PATCH', `/api/v1/users/${staff.user.id}`, { token: admin.token, body: { active: false } });
    expect(patch.status).toBe(200);
    expect((await api.request('GET', '/api/v1/auth/me', { token: staff.token })).status).toBe(401);
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: staff.email, password: staff.password } })).status).toBe(401);
  });

  it('revokes tokens when roles change, but not when only the name changes', async () => {
    const staff = await createStaff(api, ['privacy_officer']);
    await api.request('PATCH', `/api/v1/users/${staff.user.id}`, { token: admin.token, body: { name: 'Renamed' } });
    expect((await api.request('GET', '/api/v1/auth/me', { token: staff.token })).status).toBe(200);
    await api.request('PATCH', `/api/v1/users/${staff.user.id}`, { token: admin.token, body: { roles: ['auditor'] } });
    expect((await api.request('GET', '/api/v1/auth/me', { token: staff.token })).status).toBe(401);
  });

  it('refuses a forged, expired or malformed token with 401', async () => {
    const [header, payload] = admin.token.split('.');
    expect((await api.request('GET', '/api/v1/auth/me', { token: `${header}.${payload}.forged-signature` })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/auth/me', { token: 'not-a-jwt' })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await api.request('GET', '/api/v1/auth/me', { token: unsigned })).status).toBe(401);
  });

  it('validates the login body: unknown fields 422, not an email 422', async () => {
    const extra = await api.request('POST', '/api/v1/auth/login', { body: { email: admin.email, password: 'x', admin: true } });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toContainEqual({ field: 'admin', message: 'property admin should not exist' });
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: 'not-an-email', password: 'x' } })).status).toBe(422);
  });

  it('records every sign-in attempt in the audit log, without the email typed', async () => {
    const email = `ghost-${Date.now()}@clinic.example`;
    await api.request('POST', '/api/v1/auth/login', { body: { email, password: strongPassword() } });
    const events = await api.request('GET', '/api/v1/audit-events?action=auth.login&limit=200', { token: admin.token });
    expect(events.status).toBe(200);
    const outcomes = new Set(events.body.items.map((event: { outcome: string }) => event.outcome));
    expect(outcomes).toEqual(new Set(['success', 'failure', 'denied']));
    expect(JSON.stringify(events.body)).not.toContain(email);
  });
});
