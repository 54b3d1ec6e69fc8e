import { startTestApi, type TestApi } from '../support/api-app.js';
import { ORGANISATION } from '../support/letter-fixtures.js';
import { createStaff, type StaffMember } from '../support/staff.js';

describe('organisation profile and notice of privacy practices', () => {
  let api: TestApi;
  let admin: StaffMember;
  let officer: StaffMember;

  beforeAll(async () => {
    api = await startTestApi({}, { bare: true });
    admin = await createStaff(api, ['admin']);
    officer = await createStaff(api, ['privacy_officer']);
  });
  afterAll(() => api.close());

  const profile = { ...ORGANISATION, languageDefault: 'en' };

  it('says clearly when the profile is not set up yet', async () => {
    const response = await api.request('GET', '/api/v1/organisation', { token: officer.token });
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('PUT /api/v1/organisation');
  });

  it('lets an admin set it, with the contact person and phone the letters must name (45 CFR 164.530(a)(1)(ii))', async () => {
    const put = await api.request('PUT', '/api/v1/organisation', { token: admin.token, body: profile });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ legalName: 'Example Community Clinic', privacyOfficer: { phone: '(555) 010-0100' } });
    expect((await api.request('GET', '/api/v1/organisation', { token: officer.token })).body.legalName).toBe('Example Community Clinic');
  });

  it.each([
    ['no phone', { ...profile, privacyOfficer: { name: 'Pat', title: 'Privacy Officer' } }, 'privacyOfficer.phone'],
    ['an HHS web address that is not https', { ...profile, hhs: { ...profile.hhs, web: 'ftp://hhs.example' } }, 'hhs.web'],
    ['an unknown field', { ...profile, logoUrl: 'x' }, 'logoUrl'],
  ])('refuses %s with 422', async (_case, body, field) => {
    const response = await api.request('PUT', '/api/v1/organisation', { token: admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('keeps only admins able to change it (403 for a privacy officer)', async () => {
    expect((await api.request('PUT', '/api/v1/organisation', { token: officer.token, body: profile })).status).toBe(403);
  });

  it('keeps every version of the notice and never edits one (45 CFR 164.520(e))', async () => {
    const notice = {
      version: '2026-02-16',
      effectiveOn: '2026-02-16',
      language: 'en',
      sections: [{ heading: 'Your rights', paragraphs: ['You may get a copy.'] }],
    };
    expect((await api.request('POST', '/api/v1/privacy-notices', { token: admin.token, body: notice })).status).toBe(201);
    expect((await api.request('POST', '/api/v1/privacy-notices', { token: admin.token, body: notice })).status).toBe(409);
    expect(
      (
        await api.request('POST', '/api/v1/privacy-notices', {
          token: admin.token,
          body: { ...notice, version: '2027-01-01', effectiveOn: '2027-01-01' },
        })
      ).status,
    ).toBe(201);
    const list = await api.request('GET', '/api/v1/privacy-notices', { token: officer.token });
    expect(list.body.map((item: { version: string }) => item.version)).toEqual(['2027-01-01', '2026-02-16']);
  });
});
