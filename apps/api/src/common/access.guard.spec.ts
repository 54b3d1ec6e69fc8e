import { effectiveRoles } from './access.guard.js';

describe('effective roles', () => {
  it('lets an admin do everything a privacy officer may', () => {
    expect([...effectiveRoles(['admin'])].sort()).toEqual(['admin', 'privacy_officer']);
  });

  it('adds nothing to other roles', () => {
    expect([...effectiveRoles(['auditor'])]).toEqual(['auditor']);
    expect(effectiveRoles(['privacy_officer']).has('admin')).toBe(false);
  });
});
