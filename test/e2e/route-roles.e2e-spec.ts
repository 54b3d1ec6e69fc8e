import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '#auth';
import { effectiveRoles } from '../../apps/api/src/common/access.guard.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { listRoutes, type RouteRule } from '../support/routes.js';
import { createStaff } from '../support/staff.js';

/**
 * Access control on every route (45 CFR 164.312(a)(1)): generated from the
 * running app, so a new route without a rule fails here.
 */
describe('role rules on every route', () => {
  let api: TestApi;
  let routes: RouteRule[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    api = await startTestApi();
    routes = listRoutes(api.app);
    for (const role of ROLES) tokens.set(role, (await createStaff(api, [role])).token);
  });
  afterAll(() => api.close());

  it('finds the routes of the running app', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/auth/login', rule: 'public' });
  });

  it('every route declares its roles or is explicitly public', () => {
    expect(routes.filter((route) => route.rule === 'NONE')).toEqual([]);
  });

  it('the role rules are the reviewed ones (update the snapshot on purpose)', () => {
    expect(
      routes.map((route) => `${route.method} ${route.path} -> ${route.rule === 'public' ? 'public' : (route.rule as string[]).join(',')}`),
    ).toMatchSnapshot();
  });

  it('answers every route × every role + anonymous as its rule says (401 / 403 / allowed)', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
      const callers: [string, string | undefined][] = [
        ['anonymous', undefined],
        ...ROLES.map((role) => [role, tokens.get(role)] as [string, string]),
      ];
      for (const [caller, token] of callers) {
        const { status } = await api.request(route.method, path, { token, body });
        let expected: string;
        if (route.rule === 'public') expected = 'allowed';
        else if (!token) expected = '401';
        else expected = [...effectiveRoles([caller])].some((role) => (route.rule as string[]).includes(role)) ? 'allowed' : '403';
        // A public form may refuse a post without its CSRF token (403): that is not a role rule.
        const forbidden = status === 403 && route.rule !== 'public';
        const actual = status === 401 ? '401' : forbidden ? '403' : status < 500 ? 'allowed' : `error ${status}`;
        if (actual !== expected) mismatches.push(`${route.method} ${route.path} as ${caller}: expected ${expected}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
