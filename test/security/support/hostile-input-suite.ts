import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Role } from '#auth';
import { listRoutes, type RouteRule } from '../../support/routes.js';
import { plusDays } from '../../support/request-scenarios.js';
import { strongPassword } from '../../support/staff.js';
import { hostileBody, hostileQuery, type InputShape, type Json } from './hostile.js';
import { DataFingerprint, RUNS_PER_ENDPOINT, ResultFile, inject, isProblem4xx, runSeed, say, type Answer } from './security-kit.js';
import { buildWorld, type World } from './world.js';

/**
 * Hostile JSON input, property-based (GitHub issue #11): for every endpoint of
 * the running app that takes a JSON body or a query, 1,000+ generated inputs,
 * each a valid base with one to three mutations (wrong types, missing required
 * fields, unknown fields, huge strings, deep nesting, prototype-pollution keys
 * at any depth, impossible dates and time zones, out-of-range numbers). Every
 * answer must be a 4xx problem document, never a 5xx, and the data (audit
 * trail included, see DataFingerprint) must be exactly as before.
 */

interface BodyEntry extends InputShape {
  as: Role | 'public';
  /** The path to fuzz (route parameters filled with real ids). */
  path?: (world: World) => string;
  body: (world: World) => Json;
  /** Where the base is shown to be accepted, when accepting it changes what the fuzzed path would answer. */
  checkPath?: (world: World) => Promise<string>;
}
interface QueryEntry extends InputShape {
  as: Role;
  path?: (world: World) => string;
  query: (world: World) => Record<string, string>;
}
type Entry = BodyEntry | QueryEntry | { none: string };

const address = { line1: '1 Main Street', line2: 'Suite 2', city: 'Springfield', state: 'NY', postalCode: '10001' };

/** One valid base per endpoint. A new route fails the first test until it has an entry here. */
const ENDPOINTS: Record<string, Entry> = {
  'GET /api/v1/accounting-suspensions': { as: 'auditor', query: (w) => ({ patientId: w.patientId }) },
  'POST /api/v1/accounting-suspensions': {
    as: 'privacy_officer',
    body: (w) => ({
      patientId: w.patientId,
      agency: 'State Attorney General',
      statement: 'written',
      startsAt: w.today,
      endsAt: plusDays(w.today, 30),
      reason: 'Ongoing investigation',
    }),
    required: ['agency', 'statement', 'startsAt', 'endsAt', 'reason'],
    dates: ['startsAt', 'endsAt'],
  },
  'POST /api/v1/accounting-suspensions/:id/written-statement': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/accounting-suspensions/${w.suspensionId}/written-statement`,
    body: (w) => ({ receivedOn: w.today, endsAt: plusDays(w.today, 40) }),
    required: ['receivedOn'],
    dates: ['receivedOn', 'endsAt'],
    checkPath: async (w) => {
      const other = await inject(w.api, 'POST', '/api/v1/accounting-suspensions', {
        token: w.staff.privacy_officer.token,
        body: { agency: 'City Police', statement: 'oral', startsAt: w.today, endsAt: plusDays(w.today, 10), reason: 'Inquiry' },
      });
      return `/api/v1/accounting-suspensions/${other.body.id}/written-statement`;
    },
  },
  'POST /api/v1/admin/queue-dashboard-session': { none: 'takes no body or query' },
  'GET /api/v1/audit-events': {
    as: 'auditor',
    query: (w) => ({
      from: `${w.today}T00:00:00Z`,
      to: `${plusDays(w.today, 1)}T00:00:00Z`,
      actorId: w.staff.privacy_officer.user.id,
      patientId: w.patientId,
      action: 'patient.create',
      limit: '10',
    }),
    dates: ['from', 'to'],
    numbers: ['limit'],
  },
  'GET /api/v1/audit-events/verify': {
    as: 'auditor',
    query: (w) => ({ from: `${w.today}T00:00:00Z`, to: `${plusDays(w.today, 1)}T00:00:00Z` }),
    dates: ['from', 'to'],
  },
  'POST /api/v1/auth/login': {
    as: 'public',
    body: (w) => ({ email: w.staff.auditor.email, password: w.staff.auditor.password }),
    required: ['email', 'password'],
  },
  'GET /api/v1/auth/me': { none: 'takes no body or query' },
  'POST /api/v1/disclosures': {
    as: 'integration',
    body: (w) => ({
      patientId: w.patientId,
      disclosedAt: plusDays(w.today, -3),
      recipient: { name: 'State Registry', address: '2 Capitol Way', agency: 'State DOH' },
      description: 'Lab result',
      purpose: 'Mandatory report',
      category: 'public_health',
      madeBy: 'clinic',
      sourceSystem: 'ehr-fuzz',
      sourceId: `fuzz-${randomBytes(4).toString('hex')}`,
    }),
    required: ['patientId', 'disclosedAt', 'category'],
    dates: ['disclosedAt'],
  },
  'GET /api/v1/disclosures/:id': { none: 'takes no body or query' },
  'POST /api/v1/disclosures/:id/corrections': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/disclosures/${w.disclosureId}/corrections`,
    body: (w) => ({
      reason: 'Wrong recipient',
      recipient: { name: 'State Health Dept' },
      disclosedAt: plusDays(w.today, -4),
      description: 'Lab',
      purpose: 'Report',
      category: 'public_health',
      madeBy: 'clinic',
    }),
    required: ['reason'],
    dates: ['disclosedAt'],
    checkPath: async (w) => {
      const other = await inject(w.api, 'POST', '/api/v1/disclosures', {
        token: w.staff.privacy_officer.token,
        body: { patientId: w.patientId, disclosedAt: w.today, recipient: { name: 'X' }, category: 'public_health' },
      });
      return `/api/v1/disclosures/${other.body.id}/corrections`;
    },
  },
  'POST /api/v1/disclosures/import': { none: 'NDJSON and CSV, not JSON: import-csv.security-spec.ts' },
  'GET /api/v1/documents/:id': { none: 'takes no body or query' },
  'GET /api/v1/exports': { none: 'takes no body or query' },
  'POST /api/v1/exports': {
    as: 'auditor',
    body: (w) => ({ kind: 'audit_log', format: 'csv', from: w.today, to: w.today, patientId: w.patientId }),
    required: ['kind'],
    dates: ['from', 'to'],
  },
  'GET /api/v1/exports/:id': { none: 'takes no body or query' },
  'GET /api/v1/exports/:id/file': { none: 'takes no body or query' },
  'GET /api/v1/notifications': { as: 'privacy_officer', query: () => ({ unread: 'true' }) },
  'POST /api/v1/notifications/:id/read': { none: 'takes no body or query' },
  'GET /api/v1/organisation': { none: 'takes no body or query' },
  'PUT /api/v1/organisation': {
    as: 'admin',
    body: () => ({
      legalName: 'Example Community Clinic',
      address,
      privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
      complaintsAddress: address,
      hhs: { address: '200 Independence Avenue SW, Washington, DC 20201', web: 'https://www.hhs.gov/ocr/complaints' },
      languageDefault: 'en',
    }),
    required: [
      'legalName',
      'address',
      'address.line1',
      'address.city',
      'address.state',
      'address.postalCode',
      'privacyOfficer',
      'privacyOfficer.name',
      'privacyOfficer.title',
      'privacyOfficer.phone',
      'hhs',
      'hhs.address',
      'hhs.web',
      'languageDefault',
    ],
  },
  'GET /api/v1/patients': { as: 'auditor', query: () => ({ q: 'Sal', limit: '10' }), numbers: ['limit'] },
  'POST /api/v1/patients': {
    as: 'privacy_officer',
    body: () => ({
      givenName: 'Fuzz',
      familyName: `Fuzzington-${randomBytes(3).toString('hex')}`,
      dateOfBirth: '1980-04-02',
      mrn: `MRN-${randomBytes(4).toString('hex')}`,
      email: 'fuzz@example.test',
      phone: '+1 (555) 010-0199',
      address,
    }),
    required: ['givenName', 'familyName', 'dateOfBirth', 'address.line1', 'address.city', 'address.state', 'address.postalCode'],
    dates: ['dateOfBirth'],
  },
  'GET /api/v1/patients/:id': { none: 'takes no body or query' },
  'GET /api/v1/patients/:id/accounting': {
    as: 'auditor',
    path: (w) => `/api/v1/patients/${w.patientId}/accounting`,
    query: (w) => ({ asOf: w.today }),
    dates: ['asOf'],
  },
  'GET /api/v1/patients/:id/disclosures': {
    as: 'auditor',
    path: (w) => `/api/v1/patients/${w.patientId}/disclosures`,
    query: (w) => ({ from: plusDays(w.today, -30), to: w.today }),
    dates: ['from', 'to'],
  },
  'GET /api/v1/patients/:id/restrictions': { none: 'takes no body or query' },
  'GET /api/v1/privacy-notices': { none: 'takes no body or query' },
  'POST /api/v1/privacy-notices': {
    as: 'admin',
    body: () => ({
      version: `v-${randomBytes(4).toString('hex')}`,
      effectiveOn: '2026-03-01',
      language: 'en',
      sections: [{ heading: 'Your rights', paragraphs: ['You may see and copy your records.', 'You may ask us to correct them.'] }],
    }),
    required: ['version', 'effectiveOn', 'language', 'sections', 'sections.0.heading', 'sections.0.paragraphs'],
    dates: ['effectiveOn'],
  },
  'POST /api/v1/public/requests': {
    as: 'public',
    body: () => ({
      type: 'access',
      language: 'en',
      patient: { givenName: 'Pia', familyName: 'Publica', dateOfBirth: '1982-03-03', email: 'pia@example.test', address },
      requester: { type: 'individual' },
      details: { accessType: 'copy', recordsRequested: 'Lab results from 2025', format: 'electronic', delivery: 'portal' },
      idempotencyKey: `fuzz-${randomBytes(8).toString('hex')}`,
    }),
    required: ['type', 'details', 'patient', 'patient.givenName', 'patient.familyName', 'patient.dateOfBirth', 'details.accessType'],
    dates: ['patient.dateOfBirth'],
  },
  'GET /api/v1/reports/compliance': {
    as: 'auditor',
    query: (w) => ({ from: plusDays(w.today, -30), to: w.today }),
    required: ['from', 'to'],
    dates: ['from', 'to'],
  },
  'GET /api/v1/request-types': { none: 'takes no body or query' },
  'GET /api/v1/requests': {
    as: 'privacy_officer',
    query: (w) => ({
      type: 'access',
      status: 'received',
      open: 'true',
      assigneeId: w.staff.privacy_officer.user.id,
      patientId: w.patientId,
      overdue: 'false',
      dueBefore: plusDays(w.today, 90),
      q: 'Sal',
      limit: '10',
    }),
    dates: ['dueBefore'],
    numbers: ['limit'],
  },
  'POST /api/v1/requests': {
    as: 'privacy_officer',
    body: (w) => ({
      type: 'access',
      patientId: w.patientId,
      requester: {
        type: 'personal_representative',
        name: 'Rita Rep',
        relationship: 'daughter',
        address,
        authority: { basis: 'healthcare_power_of_attorney', scope: 'All records' },
      },
      channel: 'mail',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      language: 'en',
      details: { accessType: 'copy', recordsRequested: 'All records from 2024', format: 'paper', delivery: 'mail' },
    }),
    required: ['type', 'channel', 'details', 'details.accessType', 'requester.type', 'requester.authority.basis'],
    dates: ['receivedAt'],
  },
  'GET /api/v1/requests/:id': { none: 'takes no body or query' },
  'POST /api/v1/requests/:id/actions/:action': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/requests/${w.request.id}/actions/refer`,
    body: (w) => ({ expectedVersion: w.request.version, holderName: 'Riverside Imaging', holderAddress: '1 River Road, Springfield' }),
    required: ['holderName', 'holderAddress'],
    numbers: ['expectedVersion'],
    checkPath: async (w) => {
      const other = await w.driver.create('access', { patientId: w.patientId });
      return `/api/v1/requests/${other.id}/actions/refer`;
    },
  },
  'PUT /api/v1/requests/:id/assignee': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/requests/${w.request.id}/assignee`,
    body: (w) => ({ assigneeId: w.staff.admin.user.id, expectedVersion: w.request.version }),
    required: ['assigneeId'],
    numbers: ['expectedVersion'],
    checkPath: async (w) => {
      const other = await w.driver.create('access', { patientId: w.patientId });
      return `/api/v1/requests/${other.id}/assignee`;
    },
  },
  'GET /api/v1/requests/:id/attachments': { none: 'takes no body or query' },
  'POST /api/v1/requests/:id/attachments': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/requests/${w.request.id}/attachments`,
    body: () => ({
      kind: 'authority',
      description: 'Power of attorney',
      filename: 'poa.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 fuzz').toString('base64'),
    }),
    required: ['kind', 'description', 'filename', 'contentType', 'contentBase64'],
  },
  'GET /api/v1/requests/:id/attachments/:attachmentId': { none: 'takes no body or query' },
  'GET /api/v1/requests/:id/documents': { none: 'takes no body or query' },
  'GET /api/v1/requests/:id/notes': { none: 'takes no body or query' },
  'POST /api/v1/requests/:id/notes': {
    as: 'privacy_officer',
    path: (w) => `/api/v1/requests/${w.request.id}/notes`,
    body: () => ({ body: 'Spoke to the patient; they will send ID.' }),
    required: ['body'],
  },
  'GET /api/v1/users': { as: 'admin', query: () => ({ limit: '10' }), numbers: ['limit'] },
  'POST /api/v1/users': {
    as: 'admin',
    body: () => ({
      email: `fuzz-${randomBytes(4).toString('hex')}@clinic.example`,
      name: 'Fuzz Reviewer',
      roles: ['reviewer', 'auditor'],
      password: strongPassword(),
      licence: { profession: 'Physician (MD)', number: 'MD-424242', jurisdiction: 'NY' },
    }),
    required: ['email', 'name', 'roles', 'password', 'licence.profession', 'licence.number', 'licence.jurisdiction'],
  },
  'GET /api/v1/users/:id': { none: 'takes no body or query' },
  'PATCH /api/v1/users/:id': {
    as: 'admin',
    path: (w) => `/api/v1/users/${w.determiner.user.id}`,
    body: () => ({
      name: 'Dr Determiner',
      roles: ['reviewer'],
      active: true,
      licence: { profession: 'Physician (MD)', number: 'MD-000002', jurisdiction: 'NY' },
    }),
    required: [],
  },
  'GET /health': { none: 'takes no body or query' },
  'GET /health/ready': { none: 'takes no body or query' },
  'GET /metrics': { none: 'takes no body or query' },
  'GET /portal': { none: 'HTML, only ?lang (any value is a language fallback): portal.security-spec.ts' },
  'GET /portal/documents/:id': { none: 'HTML/PDF: downloads.security-spec.ts' },
  'POST /portal/requests': { none: 'an HTML form post: portal.security-spec.ts' },
  'GET /portal/requests/new': { none: 'HTML: portal.security-spec.ts' },
  'GET /portal/status': { none: 'HTML: portal.security-spec.ts' },
  'POST /portal/status/actions': { none: 'an HTML form post: portal.security-spec.ts' },
};

const key = (route: RouteRule) => `${route.method} ${route.path}`;

/**
 * The suite, in `parts` spec files (hostile-input-1 … -N) that Jest runs in parallel workers: part
 * `part` fuzzes every `parts`-th endpoint. Part 1 also checks that every route has an entry.
 */
export function hostileInputSuite(part: number, parts: number): void {
  describe(`hostile JSON input, property-based (fast-check), part ${part} of ${parts}`, () => {
    let world: World;
    let routes: RouteRule[];
    let fingerprint: DataFingerprint;
    const seed = runSeed();
    const results = new ResultFile(`hostile-input-${part}`);
    let address = 0;

    beforeAll(async () => {
      world = await buildWorld();
      routes = listRoutes(world.api.app);
      fingerprint = await DataFingerprint.open(world.api);
      say(`hostile-input: seed ${seed} (replay with FC_SEED=${seed})`);
    }, 120_000);

    afterAll(async () => {
      results.write();
      await fingerprint?.close();
      await world?.close();
    });

    if (part === 1)
      it('has a base input (or a reason why none) for every route of the running app, and no entry for a route that is gone', () => {
        const live = routes.map(key);
        expect(live.filter((route) => !(route in ENDPOINTS))).toEqual([]);
        expect(Object.keys(ENDPOINTS).filter((route) => !live.includes(route))).toEqual([]);
      });

    const fuzzed = (Object.entries(ENDPOINTS).filter(([, entry]) => !('none' in entry)) as [string, BodyEntry | QueryEntry][]).filter(
      (_endpoint, index) => index % parts === part - 1,
    );

    /**
     * One endpoint's run: the base shown valid, then fc.assert over 1,000 hostile variants. Returns
     * what to check; the fingerprint is compared by the caller around a group of endpoints.
     */
    async function fuzz(route: string, entry: BodyEntry | QueryEntry): Promise<{ route: string; failure: string | null; cases: number }> {
      const [method, template] = route.split(' ');
      const path = entry.path?.(world) ?? template;
      const token = entry.as === 'public' ? undefined : world.staff[entry.as].token;
      // Each case its own client address, so the per-address limits of public routes never answer for the validator.
      const remote = () => {
        address += 1;
        return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
      };
      const statuses: Record<string, number> = {};
      let accepted = 0;
      let serverErrors = 0;
      let notProblem = 0;
      const judge = (answer: Answer, applied: string[]): boolean => {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status < 400) accepted += 1;
        if (answer.status >= 500) serverErrors += 1;
        const ok = isProblem4xx(answer);
        if (!ok && answer.status >= 400 && answer.status < 500) notProblem += 1;
        if (!ok) say(`hostile-input ${route}: ${answer.status} for [${applied.join('; ')}]: ${answer.text.slice(0, 300)}`);
        return ok;
      };
      const inputs: fc.Arbitrary<{ url: string; payload?: string; applied: string[] }> =
        'body' in entry
          ? hostileBody(entry.body(world), entry).map(({ payload, applied }) => ({ url: path, payload, applied }))
          : hostileQuery(entry.query(world), entry).map(({ query, applied }) => ({ url: `${path}?${query}`, applied }));
      const property = fc.asyncProperty(inputs, async ({ url, payload, applied }) =>
        judge(await inject(world.api, method, url, { token, body: payload, remoteAddress: remote() }), applied),
      );
      let failure: string | null = null;
      try {
        await fc.assert(property, { numRuns: RUNS_PER_ENDPOINT, seed, endOnFailure: true });
      } catch (error) {
        failure = (error as Error).message;
      }
      const cases = Object.values(statuses).reduce((sum, count) => sum + count, 0);
      results.add({ scenario: 'hostile-input', endpoint: route, cases, seed, statuses, accepted, serverErrors, notProblem, failure });
      say(
        `hostile-input ${method} ${template}: ${cases} cases (seed ${seed}), ${accepted} accepted, ${serverErrors} server errors, ` +
          `${cases - accepted - serverErrors} refused ${JSON.stringify(statuses)}`,
      );
      return { route, failure, cases };
    }

    /** The base of an endpoint is valid: accepted as is (elsewhere when accepting it would change the fuzzed path's answer). */
    async function checkBase(route: string, entry: BodyEntry | QueryEntry): Promise<void> {
      const [method, template] = route.split(' ');
      const path = entry.path?.(world) ?? template;
      const token = entry.as === 'public' ? undefined : world.staff[entry.as].token;
      const base =
        'body' in entry
          ? await inject(world.api, method, entry.checkPath ? await entry.checkPath(world) : path, {
              token,
              body: entry.body(world),
              remoteAddress: '10.255.255.254',
            })
          : await inject(world.api, method, `${path}?${new URLSearchParams(entry.query(world))}`, { token });
      if (base.status >= 300) {
        const logged = world.api.logs.lines.find((line) => base.body?.errorId && line.includes(base.body.errorId));
        throw new Error(`the base input of ${route} is refused: ${base.status} ${base.text.slice(0, 400)} ${logged ?? ''}`);
      }
    }

    // Endpoints run four at a time (each its own fc.assert, one case after another): the app waits on
    // PostgreSQL for a good part of each call, and this keeps the suite within its time budget. The
    // data must be unchanged over each group, so it is unchanged over each endpoint of the group.
    const GROUP = 6;
    const groups: [string, BodyEntry | QueryEntry][][] = [];
    for (let index = 0; index < fuzzed.length; index += GROUP) groups.push(fuzzed.slice(index, index + GROUP));

    it.each(groups.map((group) => [group.map(([route]) => route).join(' | '), group] as const))(
      '%s: every hostile input is a 4xx problem, never a 5xx, and stores nothing',
      async (_name, group) => {
        for (const [route, entry] of group) await checkBase(route, entry);
        const before = await fingerprint.take();
        const outcomes = await Promise.all(group.map(([route, entry]) => fuzz(route, entry)));
        const changed = DataFingerprint.diff(before, await fingerprint.take());
        results.add({ scenario: 'hostile-input-group', endpoints: group.map(([route]) => route), changedTables: changed });
        say(
          `hostile-input group [${group.map(([route]) => route).join(', ')}]: ${changed.length ? `CHANGED ${changed.join(', ')}` : 'rows unchanged'}`,
        );
        expect(outcomes.filter((outcome) => outcome.failure)).toEqual([]);
        expect(changed).toEqual([]);
        for (const outcome of outcomes) expect(outcome.cases).toBeGreaterThanOrEqual(RUNS_PER_ENDPOINT);
      },
      180_000,
    );
  });
}
