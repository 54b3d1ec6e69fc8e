import { REDACTED, loggableUrl, redactPhi } from './redact-phi.js';

describe('redactPhi', () => {
  it('masks patient fields at any depth and keeps ids', () => {
    const out = redactPhi({
      requestId: 'abc',
      body: { patient: { givenName: 'Ada' }, items: [{ dateOfBirth: '1990-01-01', id: 7 }] },
      givenName: 'Ada',
    });
    expect(out).toEqual({ requestId: 'abc', body: { patient: REDACTED, items: [{ dateOfBirth: REDACTED, id: 7 }] }, givenName: REDACTED });
    expect(JSON.stringify(out)).not.toContain('Ada');
  });

  it('survives cycles', () => {
    const loop: Record<string, unknown> = { id: 1 };
    loop.self = loop;
    expect(() => JSON.stringify(redactPhi(loop))).not.toThrow();
  });
});

describe('loggableUrl', () => {
  it('keeps the path and the parameter names but drops their values', () => {
    expect(loggableUrl('/api/v1/patients?q=Lovelace&limit=5')).toBe('/api/v1/patients?q=…&limit=…');
    expect(loggableUrl('/health')).toBe('/health');
  });
});
