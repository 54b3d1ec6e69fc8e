import { validate } from '@readme/openapi-parser';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff } from '../support/staff.js';

describe('HTTP shell', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers liveness and readiness outside /api, readiness checking database, Redis and migrations', async () => {
    expect((await api.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await api.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, checks: { database: 'up', redis: 'up', migrations: 'up', pendingMigrations: [] } });
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const response = await api.request('GET', '/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not found', type: expect.any(String), instance: '/api/v1/no-such-thing' });
  });

  it('refuses a 2 MB body with 413 problem+json', async () => {
    const response = await api.request('POST', '/api/v1/no-such-thing', { body: JSON.stringify({ blob: 'a'.repeat(2_000_000) }) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.status).toBe(413);
  });

  it('refuses malformed JSON with 400 problem+json', async () => {
    const response = await api.request('POST', '/api/v1/no-such-thing', { body: '{"broken":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves a valid OpenAPI 3 document and the Swagger UI', async () => {
    const document = await api.request('GET', '/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(document.body));
    expect(result).toMatchObject({ valid: true });
    const ui = await api.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers and keeps CORS closed by default', async () => {
    const response = await api.request('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes a request id, taking the caller’s when it is well formed', async () => {
    const given = await api.request('GET', '/health', { headers: { 'x-request-id': 'trace-1234567890' } });
    expect(given.headers.get('x-request-id')).toBe('trace-1234567890');
    const fresh = await api.request('GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes JSON log lines with the request id and no patient name, token or cookie', async () => {
    const officer = await createStaff(api, ['privacy_officer']);
    rememberSecret('Zebediah', 'Quartermaine', 'secret-token.value', 'secret-cookie-value');
    // A patient really stored (201), a bad token refused (401): neither puts a name or a secret in the log.
    const stored = await api.request('POST', `/api/v1/patients?q=${encodeURIComponent('Zebediah Quartermaine')}`, {
      body: { givenName: 'Zebediah', familyName: 'Quartermaine', dateOfBirth: '1950-01-01' },
      token: officer.token,
      headers: { 'x-request-id': 'log-test-000001', cookie: 'session=secret-cookie-value' },
    });
    expect(stored.status).toBe(201);
    const refused = await api.request('POST', '/api/v1/patients', {
      body: { givenName: 'Zebediah', familyName: 'Quartermaine', dateOfBirth: '1950-01-01' },
      headers: { 'x-request-id': 'log-test-000002', authorization: 'Bearer eyJhbGciOi.secret-token.value' },
    });
    expect(refused.status).toBe(401);
    const lines = api.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const lineFor = (id: string) => lines.find((entry) => (entry.req as { id?: string } | undefined)?.id === id);
    expect(lineFor('log-test-000001')).toMatchObject({
      level: 'info',
      service: 'api',
      req: { method: 'POST', url: '/api/v1/patients?q=…' },
      res: { statusCode: 201 },
    });
    expect(lineFor('log-test-000002')).toMatchObject({ level: 'warn', res: { statusCode: 401 } });
    const all = api.logs.text();
    expect(all).not.toContain('Zebediah');
    expect(all).not.toContain('Quartermaine');
    expect(all).not.toContain('secret-token');
    expect(all).not.toContain('secret-cookie-value');
    expect(all).not.toContain(officer.token);
  });
});
