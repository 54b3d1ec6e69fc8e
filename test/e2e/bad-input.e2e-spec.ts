import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff, type StaffMember } from '../support/staff.js';

/** An id that names nothing. */
const UNKNOWN = '6f1c1a4e-0000-4000-8000-000000000009';

/** Bad input on every endpoint that takes some: a clear 4xx problem, and nothing stored. */
describe('bad input is refused with a problem document', () => {
  let api: TestApi;
  let officer: StaffMember;
  let admin: StaffMember;
  let requestId: string;

  beforeAll(async () => {
    api = await startTestApi();
    officer = await createStaff(api, ['privacy_officer']);
    admin = await createStaff(api, ['admin']);
    const created = await api.request('POST', '/api/v1/requests', {
      token: officer.token,
      body: {
        type: 'access',
        channel: 'mail',
        patient: { givenName: 'Bea', familyName: 'Badinput', dateOfBirth: '1990-01-01' },
        details: { accessType: 'copy', recordsRequested: 'all', format: 'paper' },
      },
    });
    requestId = created.body.id;
  });
  afterAll(() => api.close());

  it.each<[string, string, string, unknown, number, string?]>([
    ['request intake: unknown type', 'POST', '/api/v1/requests', { type: 'telepathy', channel: 'mail', details: {} }, 422, 'type'],
    [
      'request intake: details of the wrong shape',
      'POST',
      '/api/v1/requests',
      { type: 'access', channel: 'mail', patientId: '6f1c1a4e-0000-4000-8000-000000000009', details: { accessType: 'all of it' } },
      422,
      'details.accessType',
    ],
    [
      'request intake: received in the future',
      'POST',
      '/api/v1/requests',
      { type: 'notice_copy', channel: 'mail', receivedAt: '2099-01-01T00:00:00Z', requester: { type: 'other', name: 'X Y' }, details: {} },
      422,
      'receivedAt',
    ],
    ['request list: unknown filter value', 'GET', '/api/v1/requests?type=telepathy', undefined, 422, 'type'],
    ['request list: bad due date', 'GET', '/api/v1/requests?dueBefore=soon', undefined, 422, 'dueBefore'],
    ['request list: forged cursor', 'GET', '/api/v1/requests?cursor=bm9wZQ', undefined, 422, 'cursor'],
    ['request detail: not an id', 'GET', '/api/v1/requests/not-an-id', undefined, 404, undefined],
    ['note: empty body', 'POST', '/api/v1/requests/{id}/notes', {}, 422, 'body'],
    ['note: unknown field', 'POST', '/api/v1/requests/{id}/notes', { body: 'x', pinned: true }, 422, 'pinned'],
    ['assignee: not a uuid', 'PUT', '/api/v1/requests/{id}/assignee', { assigneeId: 'bob' }, 422, 'assigneeId'],
    ['action: a list instead of an object', 'POST', '/api/v1/requests/{id}/actions/grant', [], 422, 'body'],
    ['action: stale version below 1', 'POST', '/api/v1/requests/{id}/actions/grant', { expectedVersion: 0 }, 422, 'expectedVersion'],
    ['documents: not an id', 'GET', '/api/v1/documents/42', undefined, 404, undefined],
    [
      'attachments of an unknown request',
      'GET',
      '/api/v1/requests/6f1c1a4e-0000-4000-8000-000000000009/attachments',
      undefined,
      404,
      undefined,
    ],
    ['patient search: too long', 'GET', `/api/v1/patients?q=${'x'.repeat(101)}`, undefined, 422, 'q'],
    ['accounting preview: a malformed date', 'GET', `/api/v1/patients/${UNKNOWN}/accounting?asOf=soon`, undefined, 422, 'asOf'],
    ['patient disclosures: a malformed range', 'GET', `/api/v1/patients/${UNKNOWN}/disclosures?from=2026-1-1`, undefined, 422, 'from'],
    [
      'suspension (45 CFR 164.528(a)(2)): a statement neither written nor oral',
      'POST',
      '/api/v1/accounting-suspensions',
      { agency: 'County Sheriff', statement: 'telegram', startsAt: '2026-01-01', endsAt: '2026-02-01', reason: 'Investigation' },
      422,
      'statement',
    ],
    [
      'suspension (45 CFR 164.528(a)(2)): ends before it starts',
      'POST',
      '/api/v1/accounting-suspensions',
      { agency: 'County Sheriff', statement: 'written', startsAt: '2026-02-01', endsAt: '2026-01-01', reason: 'Investigation' },
      422,
      'endsAt',
    ],
    [
      'written statement: a malformed date',
      'POST',
      `/api/v1/accounting-suspensions/${UNKNOWN}/written-statement`,
      { receivedOn: 'yesterday' },
      422,
      'receivedOn',
    ],
    ['disclosure correction: no reason', 'POST', `/api/v1/disclosures/${UNKNOWN}/corrections`, { purpose: 'x' }, 422, 'reason'],
    ['notifications: an unread filter that is not a boolean', 'GET', '/api/v1/notifications?unread=maybe', undefined, 422, 'unread'],
    ['notification: not an id', 'POST', '/api/v1/notifications/42/read', undefined, 404, undefined],
    ['compliance report: no end date', 'GET', '/api/v1/reports/compliance?from=2026-01-01', undefined, 422, 'to'],
    [
      'compliance report: a period that ends before it starts',
      'GET',
      '/api/v1/reports/compliance?from=2026-02-01&to=2026-01-01',
      undefined,
      422,
      'to',
    ],
    ['export: an unknown kind', 'POST', '/api/v1/exports', { kind: 'everything' }, 422, 'kind'],
    ['export file: not an id', 'GET', '/api/v1/exports/42/file', undefined, 404, undefined],
  ])('%s', async (_case, method, path, body, status, field) => {
    const response = await api.request(method, path.replace('{id}', requestId), { token: officer.token, body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it.each<[string, unknown, string]>([
    ['no sections', { version: 'v2', effectiveOn: '2026-01-01', language: 'en', sections: [] }, 'sections'],
    [
      'an unknown language',
      { version: 'v2', effectiveOn: '2026-01-01', language: 'fr', sections: [{ heading: 'A', paragraphs: ['B'] }] },
      'language',
    ],
    [
      'a bad version label',
      { version: 'v 2!', effectiveOn: '2026-01-01', language: 'en', sections: [{ heading: 'A', paragraphs: ['B'] }] },
      'version',
    ],
  ])('privacy notice with %s is refused (45 CFR 164.520(e) keeps only real versions)', async (_case, body, field) => {
    const response = await api.request('POST', '/api/v1/privacy-notices', { token: admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('stores nothing from refused input: the request is still at version 1 with only its receipt on the timeline', async () => {
    const detail = await api.request('GET', `/api/v1/requests/${requestId}`, { token: officer.token });
    expect(detail.body).toMatchObject({ version: 1, status: 'received' });
    expect(detail.body.timeline.map((event: { action: string }) => event.action)).toEqual(['receive']);
    const notes = await api.request('GET', `/api/v1/requests/${requestId}/notes`, { token: officer.token });
    expect(notes.body).toEqual([]);
  });
});
