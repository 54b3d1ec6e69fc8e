import { createHmac, generateKeyPairSync, createSign, randomUUID } from 'node:crypto';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { DataFingerprint, ResultFile, inject, isProblem4xx, say } from './support/security-kit.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hs256 = (header: object, payload: object, secret: string | Buffer = SECRET) => {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

/** Forged, stale and revoked tokens (45 CFR 164.312(d)): every one is a 401 problem, on every kind of route. */
describe('JWT attacks', () => {
  let api: TestApi;
  let auditor: StaffMember;
  let admin: StaffMember;
  let claims: Record<string, unknown>;
  const results = new ResultFile('jwt');

  beforeAll(async () => {
    api = await startTestApi({ JWT_SECRET: SECRET });
    auditor = await createStaff(api, ['auditor']);
    admin = await createStaff(api, ['admin']);
    claims = JSON.parse(Buffer.from(auditor.token.split('.')[1], 'base64url').toString());
  });
  afterAll(async () => {
    results.write();
    await api.close();
  });

  it('a token the test signs itself with the right secret is accepted (so the refusals below are about the attack)', async () => {
    const token = hs256({ alg: 'HS256', typ: 'JWT' }, claims);
    rememberSecret(token);
    expect((await inject(api, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
  });

  it('refuses every forged, expired, confused, tampered or revoked token with 401, and an escalated role never reaches an admin route', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = (payload: object) => {
      const head = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
    };
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const deactivated = await createStaff(api, ['auditor']);
    expect(
      (await inject(api, 'PATCH', `/api/v1/users/${deactivated.user.id}`, { token: admin.token, body: { active: false } })).status,
    ).toBe(200);
    const [header, payload, signature] = auditor.token.split('.');
    const escalated = { ...claims, roles: ['admin'], role: 'admin', sub: admin.user.id };
    const attacks: [string, string][] = [
      ['expired (exp an hour ago)', hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600 })],
      ['not yet valid (nbf in an hour)', hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, nbf: now + 3600 })],
      ['alg none, no signature', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
      ['alg none, original signature', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`],
      ['alg NONE (case)', `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(claims)}.`],
      ['HS/RS confusion: HS256 signed with an RSA public key', hs256({ alg: 'HS256', typ: 'JWT' }, claims, publicPem)],
      ['RS256 signed with an attacker key', rs256(claims)],
      [
        'HS512 with the right secret (algorithm not allowed)',
        (() => {
          const head = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
          return `${head}.${createHmac('sha512', SECRET).update(head).digest('base64url')}`;
        })(),
      ],
      ['wrong secret', hs256({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-that-is-long-enough-for-hs256')],
      ['empty secret', hs256({ alg: 'HS256', typ: 'JWT' }, claims, '')],
      ['tampered payload: role escalation, original signature', `${header}.${b64(escalated)}.${signature}`],
      ['tampered payload: another user id, original signature', `${header}.${b64({ ...claims, sub: admin.user.id })}.${signature}`],
      ['tampered payload: token version bumped', `${header}.${b64({ ...claims, tv: Number(claims.tv) + 1 })}.${signature}`],
      ['a deactivated user', deactivated.token],
      ['a user that does not exist (deleted)', hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: randomUUID() })],
      ['kid header pointing at a file', hs256({ alg: 'HS256', typ: 'JWT', kid: '../../../../dev/null' }, claims, '')],
      ['jku header pointing elsewhere', `${b64({ alg: 'RS256', jku: 'https://attacker.example/jwks.json' })}.${b64(claims)}.${signature}`],
      ['two dots only', '..'],
      ['garbage', 'not-a-jwt'],
      ['payload not JSON', `${header}.${b64('{not json')}.${signature}`],
      ['sub not a string', hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: 42 })],
      ['huge token', `${header}.${'A'.repeat(8_000)}.${signature}`],
    ];
    const fingerprint = await DataFingerprint.open(api);
    const before = await fingerprint.take();
    const outcomes: string[] = [];
    for (const [name, token] of attacks) {
      rememberSecret(token);
      for (const [method, path] of [
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/users'],
        ['POST', '/api/v1/patients'],
      ]) {
        const answer = await inject(api, method, path, {
          token,
          body: method === 'POST' ? { givenName: 'X', familyName: 'Y', dateOfBirth: '1990-01-01' } : undefined,
        });
        if (answer.status !== 401 || !isProblem4xx(answer)) outcomes.push(`${name} on ${method} ${path}: ${answer.status}`);
      }
    }
    const changed = DataFingerprint.diff(before, await fingerprint.take());
    await fingerprint.close();
    // The admin's real token still works: the refusals are about the tokens, not the routes.
    expect((await inject(api, 'GET', '/api/v1/users', { token: admin.token })).status).toBe(200);
    // Nothing is stored by a refused token (no audit event is written for a 401 either).
    results.add({
      scenario: 'jwt',
      attacks: attacks.map(([name]) => name),
      calls: attacks.length * 3,
      refusals: attacks.length * 3 - outcomes.length,
      failures: outcomes,
      changedTables: changed,
    });
    say(
      `jwt: ${attacks.length} forged/expired/revoked tokens × 3 routes = ${attacks.length * 3} calls, ${attacks.length * 3 - outcomes.length} answered 401 problem, ${outcomes.length} otherwise, ${changed.length ? `CHANGED ${changed.join(', ')}` : 'rows unchanged'}`,
    );
    expect(outcomes).toEqual([]);
    expect(changed).toEqual([]);
  });
});
