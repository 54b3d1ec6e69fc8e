import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '#auth';
import { effectiveRoles } from '../../apps/api/src/common/access.guard.js';
import { PortalClient } from '../support/portal-client.js';
import { plusDays } from '../support/request-scenarios.js';
import { listRoutes, type RouteRule } from '../support/routes.js';
import { strongPassword } from '../support/staff.js';
import { ResultFile, inject, isProblem4xx, say, type Answer } from './support/security-kit.js';
import { TINY_PDF_BASE64, buildWorld, type World } from './support/world.js';

type Call = { path: string; body?: unknown; headers?: Record<string, string> };

const address = { line1: '1 Main Street', city: 'Springfield', state: 'NY', postalCode: '10001' };

/**
 * The call each route gets, with real ids made beforehand. A write is given a
 * body its allowed roles may send, so that "allowed" means the work is done,
 * not merely that the guard let it through. A route missing here fails.
 */
function callFor(world: World, route: RouteRule, role: Role): Call | undefined {
  const { staff } = world;
  const key = `${route.method} ${route.path}`;
  const calls: Record<string, () => Call> = {
    'GET /api/v1/accounting-suspensions': () => ({ path: '/api/v1/accounting-suspensions' }),
    'POST /api/v1/accounting-suspensions': () => ({
      path: '/api/v1/accounting-suspensions',
      body: { agency: 'State AG', statement: 'written', startsAt: world.today, endsAt: plusDays(world.today, 30), reason: 'Audit' },
    }),
    'POST /api/v1/accounting-suspensions/:id/written-statement': () => ({
      path: `/api/v1/accounting-suspensions/${world.suspensionId}/written-statement`,
      body: { receivedOn: world.today },
    }),
    'POST /api/v1/admin/queue-dashboard-session': () => ({ path: '/api/v1/admin/queue-dashboard-session' }),
    'GET /api/v1/audit-events': () => ({ path: '/api/v1/audit-events?limit=5' }),
    'GET /api/v1/audit-events/verify': () => ({ path: '/api/v1/audit-events/verify' }),
    'GET /api/v1/auth/me': () => ({ path: '/api/v1/auth/me' }),
    'POST /api/v1/disclosures': () => ({
      path: '/api/v1/disclosures',
      body: { patientId: world.patientId, disclosedAt: world.today, recipient: { name: 'Registry' }, category: 'public_health' },
    }),
    'GET /api/v1/disclosures/:id': () => ({ path: `/api/v1/disclosures/${world.disclosureId}` }),
    'POST /api/v1/disclosures/:id/corrections': () => ({
      path: `/api/v1/disclosures/${world.disclosureId}/corrections`,
      body: { reason: 'Typo in the purpose', purpose: 'Mandatory report (corrected)' },
    }),
    'POST /api/v1/disclosures/import': () => ({
      path: '/api/v1/disclosures/import',
      body: `${JSON.stringify({ patientId: world.patientId, disclosedAt: world.today, category: 'public_health', recipient: { name: 'Registry' }, sourceSystem: 'sweep', sourceId: randomBytes(6).toString('hex') })}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    }),
    'GET /api/v1/documents/:id': () => ({ path: `/api/v1/documents/${world.documentId}` }),
    'GET /api/v1/exports': () => ({ path: '/api/v1/exports' }),
    'POST /api/v1/exports': () => ({ path: '/api/v1/exports', body: { kind: 'request_register', from: world.today, to: world.today } }),
    'GET /api/v1/exports/:id': () => ({ path: `/api/v1/exports/${world.exportId}` }),
    'GET /api/v1/exports/:id/file': () => ({ path: `/api/v1/exports/${world.exportId}/file` }),
    'GET /api/v1/notifications': () => ({ path: '/api/v1/notifications' }),
    'POST /api/v1/notifications/:id/read': () => ({ path: `/api/v1/notifications/${world.notificationOf.get(staff[role].user.id)}/read` }),
    'GET /api/v1/organisation': () => ({ path: '/api/v1/organisation' }),
    'PUT /api/v1/organisation': () => ({
      path: '/api/v1/organisation',
      body: {
        legalName: 'Example Community Clinic',
        address,
        privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100' },
        hhs: { address: '200 Independence Avenue SW, Washington, DC 20201', web: 'https://www.hhs.gov/ocr/complaints' },
        languageDefault: 'en',
      },
    }),
    'GET /api/v1/patients': () => ({ path: '/api/v1/patients?q=Sal' }),
    'POST /api/v1/patients': () => ({
      path: '/api/v1/patients',
      body: { givenName: 'Sweep', familyName: 'Sweeper', dateOfBirth: '1990-01-01' },
    }),
    'GET /api/v1/patients/:id': () => ({ path: `/api/v1/patients/${world.patientId}` }),
    'GET /api/v1/patients/:id/accounting': () => ({ path: `/api/v1/patients/${world.patientId}/accounting` }),
    'GET /api/v1/patients/:id/disclosures': () => ({ path: `/api/v1/patients/${world.patientId}/disclosures` }),
    'GET /api/v1/patients/:id/restrictions': () => ({ path: `/api/v1/patients/${world.patientId}/restrictions` }),
    'GET /api/v1/privacy-notices': () => ({ path: '/api/v1/privacy-notices' }),
    'POST /api/v1/privacy-notices': () => ({
      path: '/api/v1/privacy-notices',
      body: {
        version: `sweep-${randomBytes(3).toString('hex')}`,
        effectiveOn: '2026-03-01',
        language: 'en',
        sections: [{ heading: 'A', paragraphs: ['B'] }],
      },
    }),
    'GET /api/v1/reports/compliance': () => ({ path: `/api/v1/reports/compliance?from=${plusDays(world.today, -30)}&to=${world.today}` }),
    'GET /api/v1/request-types': () => ({ path: '/api/v1/request-types' }),
    'GET /api/v1/requests': () => ({ path: '/api/v1/requests' }),
    'POST /api/v1/requests': () => ({
      path: '/api/v1/requests',
      body: { type: 'notice_copy', channel: 'mail', patientId: world.patientId, details: {} },
    }),
    // The review request: the reviewer may see it (it is theirs), the officer and auditor see every request.
    'GET /api/v1/requests/:id': () => ({ path: `/api/v1/requests/${world.review.id}` }),
    'POST /api/v1/requests/:id/actions/:action': () =>
      role === 'reviewer'
        ? {
            path: `/api/v1/requests/${world.review.id}/actions/uphold_denial`,
            body: { standardsApplied: ['endangers_life_or_safety'], explanation: 'The risk is real.' },
          }
        : {
            path: `/api/v1/requests/${world.request.id}/actions/verify_identity`,
            body: { method: 'photo_id_in_person', documentsRelied: 'Licence' },
          },
    'PUT /api/v1/requests/:id/assignee': () => ({
      path: `/api/v1/requests/${world.request.id}/assignee`,
      body: { assigneeId: staff.privacy_officer.user.id },
    }),
    'GET /api/v1/requests/:id/attachments': () => ({ path: `/api/v1/requests/${world.request.id}/attachments` }),
    'POST /api/v1/requests/:id/attachments': () => ({
      path: `/api/v1/requests/${world.request.id}/attachments`,
      body: { kind: 'identity', description: 'ID', filename: 'id.pdf', contentType: 'application/pdf', contentBase64: TINY_PDF_BASE64 },
    }),
    'GET /api/v1/requests/:id/attachments/:attachmentId': () => ({
      path: `/api/v1/requests/${world.request.id}/attachments/${world.attachmentId}`,
    }),
    'GET /api/v1/requests/:id/documents': () => ({ path: `/api/v1/requests/${world.request.id}/documents` }),
    'GET /api/v1/requests/:id/notes': () => ({ path: `/api/v1/requests/${world.request.id}/notes` }),
    'POST /api/v1/requests/:id/notes': () => ({ path: `/api/v1/requests/${world.request.id}/notes`, body: { body: 'Sweep note' } }),
    'GET /api/v1/users': () => ({ path: '/api/v1/users' }),
    'POST /api/v1/users': () => ({
      path: '/api/v1/users',
      body: {
        email: `sweep-${randomBytes(4).toString('hex')}@clinic.example`,
        name: 'Sweep User',
        roles: ['auditor'],
        password: strongPassword(),
      },
    }),
    'GET /api/v1/users/:id': () => ({ path: `/api/v1/users/${world.determiner.user.id}` }),
    'PATCH /api/v1/users/:id': () => ({ path: `/api/v1/users/${world.determiner.user.id}`, body: { name: 'Dr Determiner' } }),
  };
  return calls[key]?.();
}

/** Writes whose second call by another allowed role finds the work done (409), or the action no longer allowed: still not a role refusal. */
const ONCE = new Set([
  'POST /api/v1/accounting-suspensions/:id/written-statement',
  'POST /api/v1/disclosures/:id/corrections',
  'POST /api/v1/requests/:id/actions/:action',
]);

describe('authorization sweep: every route × every role, with real records', () => {
  let world: World;
  let routes: RouteRule[];
  const results = new ResultFile('authorization');

  beforeAll(async () => {
    world = await buildWorld();
    routes = listRoutes(world.api.app).filter((route) => route.rule !== 'public');
  }, 120_000);
  afterAll(async () => {
    results.write();
    await world?.close();
  });

  it('allowed roles succeed (every GET with 2xx), every other role gets a 403 problem', async () => {
    const mismatches: string[] = [];
    let allowedCalls = 0;
    let refusedCalls = 0;
    // Reads first, then writes (a write may change what a later read finds); the reviewer's action last.
    const ordered = [...routes].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
    for (const route of ordered) {
      const key = `${route.method} ${route.path}`;
      let successes = 0;
      for (const role of ROLES) {
        const call = callFor(world, route, role);
        if (!call) {
          mismatches.push(`${key}: no call in the sweep's table`);
          break;
        }
        const allowed = [...effectiveRoles([role])].some((held) => (route.rule as string[]).includes(held));
        const answer: Answer = await inject(world.api, route.method, call.path, {
          token: world.staff[role].token,
          body: call.body,
          headers: call.headers,
        });
        if (allowed) {
          allowedCalls += 1;
          const ok = answer.status < 300 || (ONCE.has(key) && successes > 0 && answer.status === 409);
          if (answer.status < 300) successes += 1;
          if (!ok) mismatches.push(`${key} as ${role} (allowed): ${answer.status} ${answer.text.slice(0, 200)}`);
        } else {
          refusedCalls += 1;
          if (answer.status !== 403 || !isProblem4xx(answer)) mismatches.push(`${key} as ${role} (not allowed): ${answer.status}`);
        }
      }
    }
    results.add({
      scenario: 'authorization-sweep',
      routes: routes.length,
      roles: ROLES.length,
      allowedCalls,
      refusedCalls,
      failures: mismatches,
    });
    say(
      `authorization sweep: ${routes.length} staff routes × ${ROLES.length} roles with real ids; ${allowedCalls} allowed calls succeeded, ` +
        `${refusedCalls} refused with 403; ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('the integration role can write disclosures and read itself, nothing else', () => {
    const open = routes
      .filter((route) => [...effectiveRoles(['integration'])].some((held) => (route.rule as string[]).includes(held)))
      .map((route) => `${route.method} ${route.path}`);
    say(`authorization: integration role reaches only ${open.join(', ')} (every other staff route answered 403 above)`);
    expect(open.sort()).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/disclosures', 'POST /api/v1/disclosures/import']);
  });

  it('a patient status token opens only its own request: another reference, letter or action with it is refused', async () => {
    const { a, b } = world;
    const client = new PortalClient(world.api);
    const own = await client.get(`/portal/status?reference=${a.reference}&token=${a.statusToken}&lang=en`);
    expect(own.status).toBe(200);
    const checks: [string, number, string][] = [];
    const other = await client.get(`/portal/status?reference=${b.reference}&token=${a.statusToken}&lang=en`);
    checks.push(['status page of B with A’s token', other.status, other.html]);
    const letter = await fetch(`${world.api.baseUrl}/portal/documents/${b.documentIds[0]}?reference=${a.reference}&token=${a.statusToken}`);
    const letterText = await letter.text();
    checks.push(['B’s letter with A’s reference and token', letter.status, letterText]);
    const letter2 = await fetch(
      `${world.api.baseUrl}/portal/documents/${b.documentIds[0]}?reference=${b.reference}&token=${a.statusToken}`,
    );
    checks.push(['B’s letter with B’s reference and A’s token', letter2.status, await letter2.text()]);
    const withdraw = await client.post('/portal/status/actions', { ...own.hidden, reference: b.reference, action: 'withdraw' });
    checks.push(['withdrawing B with A’s token', withdraw.status, withdraw.html]);
    const stillOpen = await world.db.query(`SELECT status FROM requests WHERE id = $1`, [b.id]);
    const failures = checks.filter(([, status]) => status < 400).map(([name, status]) => `${name}: ${status}`);
    expect(stillOpen.rows[0].status).toBe('received');
    for (const [name, status] of checks) expect([name, status >= 400]).toEqual([name, true]);
    results.add({ scenario: 'portal-token-scope', checks: checks.map(([name, status]) => ({ name, status })), failures });
    say(
      `authorization: patient token of ${a.reference} tried on ${checks.length} views/actions of another request: all refused (${checks.map(([, s]) => s).join(', ')}), other request unchanged`,
    );
  });
});
