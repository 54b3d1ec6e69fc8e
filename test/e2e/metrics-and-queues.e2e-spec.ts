import { register } from 'prom-client';
import { ROLES, type Role } from '#auth';
import { REQUEST_TYPES } from '#domain';
import { QueueName, QueueRegistry } from '#jobs';
import { MetricsService } from '../../apps/api/src/metrics/metrics.service.js';
import { QueueDashboardAccess } from '../../apps/api/src/queue-dashboard/queue-dashboard-access.service.js';
import {
  QUEUE_DASHBOARD_COOKIE,
  QUEUE_DASHBOARD_CSP,
  QUEUE_DASHBOARD_SESSION_SECONDS,
} from '../../apps/api/src/queue-dashboard/queue-dashboard.constants.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { PROBLEM_JSON, RequestDriver, daysAgo } from '../support/request-scenarios.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';

/** The value of one sample line of a Prometheus text exposition, or undefined when absent. */
function sample(text: string, metric: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .sort();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean).sort();
    if (present.length === wanted.length && present.every((label, index) => label === wanted[index])) return Number(match[3]);
  }
  return undefined;
}

/** The `name=value` of a Set-Cookie line, and its attributes in lower case. */
function parseSetCookie(line: string): { pair: string; value: string; attributes: string[] } {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  return { pair, value: pair.slice(pair.indexOf('=') + 1), attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

describe('metrics and the queue dashboard', () => {
  let api: TestApi;
  let admin: StaffMember;
  let officer: StaffMember;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await createStaff(api, ['admin']);
    officer = await createStaff(api, ['privacy_officer']);
  });
  afterAll(() => api.close());

  describe('GET /metrics', () => {
    it('counts open, overdue and per-type requests and queue jobs on scrape, with process metrics and no patient data', async () => {
      const before = await api.request('GET', '/metrics');
      expect(before.status).toBe(200);
      const open = sample(before.text, 'prd_requests_open') ?? NaN;
      const overdue = sample(before.text, 'prd_requests_overdue') ?? NaN;
      const access = sample(before.text, 'prd_requests_open_by_type', { type: 'access' }) ?? NaN;
      const amendment = sample(before.text, 'prd_requests_open_by_type', { type: 'amendment' }) ?? NaN;

      const driver = new RequestDriver(api, officer.token);
      const overdueRequest = await driver.create('access', { receivedAt: daysAgo(120) });
      await driver.create('access');
      await driver.create('amendment');
      // A job waiting in a queue: nothing consumes it (no worker runs in this test).
      await api.app.get(QueueRegistry).get(QueueName.Exports).add('export.expire', {}, { delay: 3_600_000 });

      const after = await api.request('GET', '/metrics');
      expect(after.status).toBe(200);
      expect(after.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(sample(after.text, 'prd_requests_open')).toBe(open + 3);
      expect(sample(after.text, 'prd_requests_overdue')).toBe(overdue + 1);
      expect(sample(after.text, 'prd_requests_open_by_type', { type: 'access' })).toBe(access + 2);
      expect(sample(after.text, 'prd_requests_open_by_type', { type: 'amendment' })).toBe(amendment + 1);
      for (const type of REQUEST_TYPES) expect(sample(after.text, 'prd_requests_open_by_type', { type })).toEqual(expect.any(Number));

      for (const queue of Object.values(QueueName)) {
        for (const state of ['waiting', 'delayed', 'active', 'failed', 'completed']) {
          const expected = queue === QueueName.Exports && state === 'delayed' ? 1 : expect.any(Number);
          expect([queue, state, sample(after.text, 'prd_queue_jobs', { queue, state })]).toEqual([queue, state, expected]);
        }
      }
      expect(sample(after.text, 'prd_metrics_source_up', { source: 'database' })).toBe(1);
      expect(sample(after.text, 'prd_metrics_source_up', { source: 'redis' })).toBe(1);
      expect(after.text).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(after.text).toContain('nodejs_heap_size_used_bytes');

      // No patient data anywhere (RequestDriver's patients are all Rowan Quillfeather-<random>), nor request ids.
      for (const secret of ['Quillfeather', 'Rowan', overdueRequest.reference, overdueRequest.id]) expect(after.text).not.toContain(secret);
    });
  });

  describe('/admin/queues (bull-board)', () => {
    it('refuses an anonymous caller (401) and a privacy officer (403), as problem+json', async () => {
      for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/static/js/none.js']) {
        const anonymous = await api.request('GET', path);
        expect([path, anonymous.status]).toEqual([path, 401]);
        expect(anonymous.headers.get('content-type')).toContain(PROBLEM_JSON);
        const forbidden = await api.request('GET', path, { token: officer.token });
        expect([path, forbidden.status]).toEqual([path, 403]);
        expect(forbidden.headers.get('content-type')).toContain(PROBLEM_JSON);
      }
      expect((await api.request('GET', '/admin/queues', { token: 'not.a.jwt' })).status).toBe(401);
    });

    it('serves the UI and its assets to an admin bearer, under a CSP without inline scripts', async () => {
      const page = await api.request('GET', '/admin/queues', { token: admin.token });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain('<base href="/admin/queues/"');
      expect(page.headers.get('content-security-policy')).toBe(QUEUE_DASHBOARD_CSP);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const script = /<script defer src="([^"]+)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const asset = await api.request('GET', `/admin/queues/${script}`, { token: admin.token });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect((await api.request('GET', `/admin/queues/${script}`)).status).toBe(401);
    });

    it('lists every queue of the product in its JSON API', async () => {
      const response = await api.request('GET', '/admin/queues/api/queues', { token: admin.token });
      expect(response.status).toBe(200);
      const names = (response.body.queues as { name: string }[]).map((queue) => queue.name).sort();
      expect(names).toEqual(Object.values(QueueName).sort());
    });

    it('answers every dashboard route × every role + anonymous: admins only', async () => {
      // bull-board's routes live on Fastify, not in a Nest controller, so route-roles cannot list them: they are checked here.
      const routes = api.app.get(QueueDashboardAccess).routes;
      expect(routes).toContainEqual({ method: 'GET', path: '/admin/queues/api/queues' });
      expect(routes.length).toBeGreaterThanOrEqual(20);
      const tokens = new Map<Role, string>();
      for (const role of ROLES) tokens.set(role, role === 'admin' ? admin.token : (await createStaff(api, [role])).token);
      const mismatches: string[] = [];
      for (const route of routes) {
        const unsafe = !['GET', 'HEAD'].includes(route.method);
        // A change goes to a queue that does not exist, so an allowed call changes nothing.
        const path = route.path
          .replace(/:queueName/g, 'no-such-queue')
          .replace(/:[A-Za-z]+/g, 'x')
          .replace(/\*$/, 'none.js');
        for (const [caller, token] of [['anonymous', undefined], ...tokens] as [string, string | undefined][]) {
          // Pausing or resuming every queue takes no queue name: not called for real.
          if (caller === 'admin' && unsafe && !route.path.includes(':queueName')) continue;
          const { status } = await api.request(route.method, path, { token, body: unsafe ? {} : undefined });
          const expected = !token ? 401 : caller === 'admin' ? 'allowed' : 403;
          const actual = status === 401 || status === 403 ? status : 'allowed';
          if (actual !== expected) mismatches.push(`${route.method} ${route.path} as ${caller}: expected ${expected}, got ${status}`);
        }
      }
      expect(mismatches).toEqual([]);
    }, 60_000);

    describe('session cookie', () => {
      async function openSession(token: string): Promise<{ cookie: string; attributes: string[] }> {
        const response = await api.request('POST', '/api/v1/admin/queue-dashboard-session', { token });
        expect(response.status).toBe(204);
        const line = response.headers.getSetCookie().find((header) => header.startsWith(`${QUEUE_DASHBOARD_COOKIE}=`));
        expect(line).toBeDefined();
        const { pair, value, attributes } = parseSetCookie(line as string);
        rememberSecret(value);
        return { cookie: pair, attributes };
      }

      it('is only for admins', async () => {
        expect((await api.request('POST', '/api/v1/admin/queue-dashboard-session')).status).toBe(401);
        const refused = await api.request('POST', '/api/v1/admin/queue-dashboard-session', { token: officer.token });
        expect(refused.status).toBe(403);
        expect(refused.headers.getSetCookie()).toEqual([]);
      });

      it('sets an HttpOnly, SameSite=Strict cookie for /admin/queues with which the dashboard opens without a bearer', async () => {
        const { cookie, attributes } = await openSession(admin.token);
        expect(attributes).toEqual(
          expect.arrayContaining(['httponly', 'samesite=strict', 'path=/admin/queues', `max-age=${QUEUE_DASHBOARD_SESSION_SECONDS}`]),
        );
        const page = await api.request('GET', '/admin/queues', { headers: { cookie } });
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        const queues = await api.request('GET', '/admin/queues/api/queues', { headers: { cookie } });
        expect(queues.status).toBe(200);
        expect(queues.body.queues.length).toBe(Object.values(QueueName).length);
      });

      it('refuses a forged or tampered cookie', async () => {
        const { cookie } = await openSession(admin.token);
        const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
        const [userId, version, expiresAt] = decodeURIComponent(value).split('.');
        const later = `${userId}.${version}.${Number(expiresAt) + 86_400_000}`;
        for (const forged of [`${name}=${later}`, `${name}=${encodeURIComponent(`${later}.${value.split('.').pop()}`)}`, `${name}=x`]) {
          expect([forged, (await api.request('GET', '/admin/queues', { headers: { cookie: forged } })).status]).toEqual([forged, 401]);
        }
      });

      it('lets a cookie change the queues only from the dashboard’s own origin', async () => {
        const { cookie } = await openSession(admin.token);
        const path = '/admin/queues/api/queues/no-such-queue/pause';
        const crossSite = await api.request('PUT', path, { headers: { cookie, origin: 'https://evil.example' } });
        expect(crossSite.status).toBe(403);
        expect((await api.request('PUT', path, { headers: { cookie } })).status).toBe(403);
        const sameOrigin = await api.request('PUT', path, { headers: { cookie, origin: api.baseUrl } });
        expect(sameOrigin.status).toBe(404);
      });

      it('refuses the cookie and the bearer of an admin deactivated since', async () => {
        const leaving = await createStaff(api, ['admin']);
        const { cookie } = await openSession(leaving.token);
        expect((await api.request('GET', '/admin/queues', { headers: { cookie } })).status).toBe(200);
        const deactivated = await api.request('PATCH', `/api/v1/users/${leaving.user.id}`, { token: admin.token, body: { active: false } });
        expect(deactivated.status).toBe(200);
        const refused = await api.request('GET', '/admin/queues', { headers: { cookie } });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect((await api.request('GET', '/admin/queues/api/queues', { token: leaving.token })).status).toBe(401);
      });
    });
  });
});

// Its own app, started after the first one closed: passport keeps one global 'jwt' strategy,
// so a second app alive next to the first would sign the first one's staff in against its own database.
describe('GET /metrics with METRICS_TOKEN set', () => {
  const token = 'metrics-token-4f1c2a9e7b3d5c60';
  let guarded: TestApi;

  beforeAll(async () => {
    rememberSecret(token);
    guarded = await startTestApi({ METRICS_TOKEN: token });
  });
  afterAll(() => guarded.close());

  it('reads the token from the environment', () => {
    expect(guarded.config.metrics.token).toBe(token);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'metrics-token-00000000000000'],
    ['the token with a suffix', `${token}x`],
    ['a staff JWT', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ])('answers %s with 401 problem+json', async (_case, sent) => {
    const response = await guarded.request('GET', '/metrics', { token: sent });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.text).not.toContain('prd_');
  });

  it('answers the token with the metrics, from a registry of the app’s own', async () => {
    const response = await guarded.request('GET', '/metrics', { token });
    expect(response.status).toBe(200);
    expect(sample(response.text, 'prd_requests_open')).toBe(0);
    // Two apps in one process (this file starts two) never meet in prom-client's global registry.
    expect(guarded.app.get(MetricsService).registry).not.toBe(register);
    expect(await register.metrics()).not.toContain('prd_');
  });
});
