import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { plusDays } from '../support/request-scenarios.js';
import { DataFingerprint, inject, isProblem4xx, say, type Answer } from './support/security-kit.js';
import { useWorld, type World } from './support/world.js';

const TRAVERSALS = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '%252e%252e%252fpackage.json',
  '..%5c..%5cpackage.json',
  '/etc/passwd',
  '%2fetc%2fpasswd',
  'C:%5cWindows%5cwin.ini',
  '....//....//package.json',
  '%c0%ae%c0%ae%c0%afpackage.json',
  'package.json%00.pdf',
  '.',
  '..',
];

const SQL = [
  "' OR 1=1--",
  "' OR '1'='1",
  '" OR ""="',
  "'; DROP TABLE requests; --",
  "'; DROP TABLE patients CASCADE; --",
  '1; SELECT pg_sleep(5)--',
  "') OR ('a'='a",
  '\u2019 OR 1=1--',
  '\u02bc OR 1=1--',
  '\uff07 OR 1=1--',
  "%' OR '%'='",
  '%',
  '_',
  '\\',
  "' UNION SELECT id, email, password_hash FROM users--",
  "00000000-0000-4000-8000-000000000000' OR 1=1--",
  '$1',
  "E'\\x27 OR 1=1'",
  "admin'--",
  '1 OR 1=1',
];

/** Every filter and search parameter of every GET list endpoint, with what it filters on (list path, parameter). */
const LIST_FILTERS: [string, string][] = [
  ['/api/v1/requests', 'q'],
  ['/api/v1/requests', 'type'],
  ['/api/v1/requests', 'status'],
  ['/api/v1/requests', 'assigneeId'],
  ['/api/v1/requests', 'patientId'],
  ['/api/v1/requests', 'dueBefore'],
  ['/api/v1/requests', 'open'],
  ['/api/v1/requests', 'overdue'],
  ['/api/v1/requests', 'cursor'],
  ['/api/v1/requests', 'limit'],
  ['/api/v1/patients', 'q'],
  ['/api/v1/patients', 'limit'],
  ['/api/v1/audit-events', 'action'],
  ['/api/v1/audit-events', 'actorId'],
  ['/api/v1/audit-events', 'patientId'],
  ['/api/v1/audit-events', 'from'],
  ['/api/v1/audit-events', 'to'],
  ['/api/v1/audit-events', 'cursor'],
  ['/api/v1/audit-events/verify', 'from'],
  ['/api/v1/accounting-suspensions', 'patientId'],
  ['/api/v1/notifications', 'unread'],
  ['/api/v1/users', 'cursor'],
  ['/api/v1/users', 'limit'],
  ['/api/v1/reports/compliance', 'from'],
  ['/api/v1/patients/{patient}/disclosures', 'from'],
  ['/api/v1/patients/{patient}/disclosures', 'to'],
  ['/api/v1/patients/{patient}/accounting', 'asOf'],
];

describe('downloads and SQL injection', () => {
  let world: World;
  let fingerprint: DataFingerprint;
  const results = useWorld('downloads-and-sql', (built, data) => {
    world = built;
    fingerprint = data;
  });

  const secretBytes = [readFileSync('package.json', 'utf8').slice(0, 60), 'root:x:0:0'];

  it('path traversal and guessed ids on every download route: 4xx, never a file, never another’s', async () => {
    const { staff, a, b } = world;
    const officer = staff.privacy_officer.token;
    const failures: string[] = [];
    let calls = 0;
    const expectRefused = (what: string, answer: { status: number; text: string; contentType: string }) => {
      calls += 1;
      const leaked =
        secretBytes.some((text) => answer.text.includes(text)) ||
        answer.contentType.startsWith('application/pdf') ||
        answer.contentType.startsWith('text/csv');
      if (answer.status < 400 || answer.status >= 500 || leaked) failures.push(`${what}: ${answer.status} ${answer.contentType}`);
    };
    const staffRoutes = (id: string) => [
      `/api/v1/documents/${id}`,
      `/api/v1/exports/${id}/file`,
      `/api/v1/exports/${id}`,
      `/api/v1/requests/${world.request.id}/attachments/${id}`,
      `/api/v1/requests/${id}/attachments/${world.attachmentId}`,
      `/api/v1/requests/${id}/documents`,
    ];
    for (const bad of [...TRAVERSALS, randomUUID(), randomUUID().toUpperCase(), '00000000-0000-0000-0000-000000000000']) {
      for (const path of staffRoutes(bad)) expectRefused(path, await inject(world.api, 'GET', path, { token: officer }));
      const portal = await inject(world.api, 'GET', `/portal/documents/${bad}?reference=${a.reference}&token=${a.statusToken}`);
      expectRefused(`/portal/documents/${bad}`, portal);
    }
    // Static assets: the portal's stylesheet folder never serves a file outside it.
    for (const bad of TRAVERSALS) expectRefused(`/portal/assets/${bad}`, await inject(world.api, 'GET', `/portal/assets/${bad}`));
    // Another request's attachment through this request's id; another patient's letter through this patient's token.
    const otherRequest = await world.driver.create('notice_copy', { patientId: world.patientId });
    expectRefused(
      'attachment through another request',
      await inject(world.api, 'GET', `/api/v1/requests/${otherRequest.id}/attachments/${world.attachmentId}`, { token: officer }),
    );
    for (const id of b.documentIds) {
      expectRefused(
        'B’s letter with A’s token',
        await inject(world.api, 'GET', `/portal/documents/${id}?reference=${a.reference}&token=${a.statusToken}`),
      );
      expectRefused(
        'B’s letter with B’s reference, A’s token',
        await inject(world.api, 'GET', `/portal/documents/${id}?reference=${b.reference}&token=${a.statusToken}`),
      );
      expectRefused('B’s letter with no token', await inject(world.api, 'GET', `/portal/documents/${id}?reference=${b.reference}`));
    }
    // A staff document id on the portal with a valid token of another request.
    expectRefused(
      'staff letter via a portal token',
      await inject(world.api, 'GET', `/portal/documents/${world.documentId}?reference=${a.reference}&token=${a.statusToken}`),
    );
    // The real downloads still work, so the refusals are about the attack.
    const own = await inject(world.api, 'GET', `/portal/documents/${a.documentIds[0]}?reference=${a.reference}&token=${a.statusToken}`);
    expect(own.status).toBe(200);
    expect((await inject(world.api, 'GET', `/api/v1/exports/${world.exportId}/file`, { token: world.staff.auditor.token })).status).toBe(
      200,
    );
    results.add({ scenario: 'downloads', calls, refused: calls - failures.length, failures });
    say(
      `downloads: ${calls} traversal / guessed-id / cross-patient downloads (${TRAVERSALS.length} traversal forms, random uuids, other request's ids): ${calls - failures.length} refused 4xx, 0 files served; failures ${failures.length}`,
    );
    expect(failures).toEqual([]);
  }, 60_000);

  it('SQL injection in every filter and search parameter of every GET list: 4xx or a normal answer, never 5xx or other rows, tables intact', async () => {
    const officer = world.staff.privacy_officer.token;
    const reviewer = world.staff.reviewer.token;
    const before = await fingerprint.take();
    const countsBefore = (
      await world.db.query(
        `SELECT (SELECT count(*) FROM requests)::int AS r, (SELECT count(*) FROM patients)::int AS p, (SELECT count(*) FROM users)::int AS u`,
      )
    ).rows[0];
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let calls = 0;
    let slowest = 0;
    const check = (what: string, answer: Answer, rowsAllowed: (items: unknown[]) => boolean) => {
      calls += 1;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status >= 500) return failures.push(`${what}: ${answer.status}`);
      if (answer.status >= 400) return isProblem4xx(answer) || failures.push(`${what}: ${answer.status} not a problem document`);
      const items = Array.isArray(answer.body?.items) ? answer.body.items : Array.isArray(answer.body?.entries) ? answer.body.entries : [];
      if (!rowsAllowed(items)) failures.push(`${what}: 2xx with rows it should not hold (${items.length})`);
    };
    const start = Date.now();
    for (const [template, param] of LIST_FILTERS) {
      const path = template.replace('{patient}', world.patientId);
      const token = path === '/api/v1/users' ? world.staff.admin.token : officer;
      for (const payload of SQL) {
        // Every row the list holds without the parameter (all of them: fewer than 200 here), just before: an answer may hold nothing else.
        const paged = ['/api/v1/requests', '/api/v1/patients', '/api/v1/audit-events', '/api/v1/users'].includes(path);
        const unfiltered = await inject(world.api, 'GET', paged ? `${path}?limit=200` : path, { token });
        const known = new Set(
          ((unfiltered.body?.items ?? unfiltered.body?.entries ?? []) as { id?: string }[]).map((item) => JSON.stringify(item.id ?? item)),
        );
        const started = Date.now();
        const answer = await inject(world.api, 'GET', `${path}?${new URLSearchParams({ [param]: payload })}`, { token });
        slowest = Math.max(slowest, Date.now() - started);
        // A free-text search may answer 200 only with rows that hold the text (none hold these strings);
        // another filter, with a subset of the unfiltered rows; a cursor, never: only a cursor the
        // service issued is read (a mangled one once paged leniently).
        check(`${path}?${param}=${payload}`, answer, (items) =>
          param === 'q'
            ? items.length === 0
            : param !== 'cursor' && (items as { id?: string }[]).every((item) => known.has(JSON.stringify(item.id ?? item))),
        );
      }
    }
    // The reviewer's own-reviews scope holds under injection too: never a request that is not theirs.
    for (const payload of SQL) {
      const answer = await inject(world.api, 'GET', `/api/v1/requests?${new URLSearchParams({ q: payload })}`, { token: reviewer });
      check(`reviewer q=${payload}`, answer, (items) => items.every((item) => (item as { id: string }).id === world.review.id));
    }
    const elapsed = Date.now() - start;
    const after = await fingerprint.take();
    const countsAfter = (
      await world.db.query(
        `SELECT (SELECT count(*) FROM requests)::int AS r, (SELECT count(*) FROM patients)::int AS p, (SELECT count(*) FROM users)::int AS u`,
      )
    ).rows[0];
    // Reads are audited: the audit trail grows with the answered searches; every other table is exactly as before.
    const changed = DataFingerprint.diff(before, after).filter((table) => !['audit_events', 'audit_pending'].includes(table));
    // The filters still work after all that: a real search finds the real patient.
    const real = await inject(world.api, 'GET', `/api/v1/patients?q=Sally`, { token: officer });
    expect(real.body.items.map((item: { id: string }) => item.id)).toContain(world.patientId);
    results.add({
      scenario: 'sql-injection',
      parameters: LIST_FILTERS.length,
      payloads: SQL.length,
      calls,
      statuses,
      failures,
      changedTables: changed,
      elapsedMs: elapsed,
    });
    say(
      `sql-injection: ${LIST_FILTERS.length} filter/search parameters × ${SQL.length} payloads + reviewer scope = ${calls} calls, answers ${JSON.stringify(statuses)}, 0 rows leaked, ${failures.length} failures, slowest call ${slowest} ms (pg_sleep never ran), tables intact`,
    );
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(countsAfter).toEqual(countsBefore);
    // pg_sleep(5) never ran: no call took anywhere near five seconds.
    expect(slowest).toBeLessThan(4000);
  }, 60_000);

  it('the period filters still filter correctly (a control for the injection test)', async () => {
    const answer = await inject(
      world.api,
      'GET',
      `/api/v1/patients/${world.patientId}/disclosures?from=${plusDays(world.today, -30)}&to=${world.today}`,
      {
        token: world.staff.auditor.token,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item: { id: string }) => item.id)).toContain(world.disclosureId);
  });
});
