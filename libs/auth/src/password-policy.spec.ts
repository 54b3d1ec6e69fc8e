import { passwordProblems } from './password-policy.js';

describe('password strength rule', () => {
  it('accepts a long mixed password and a long passphrase', () => {
    expect(passwordProblems('Tr0ub4dor&3xyz')).toEqual([]);
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });

  it.each([
    ['short', 'Ab1!'],
    ['too few classes', 'abcdefghijkl'],
    ['a common password inside', 'MyPassword123!'],
    ['repeats', 'aA1!aA1!aA1!aA1!'],
  ])('refuses %s', (_reason, password) => {
    expect(passwordProblems(password).length).toBeGreaterThan(0);
  });

  it('refuses a password that contains the email name', () => {
    expect(passwordProblems('Jsmith-Rocks-2026', { email: 'jsmith@clinic.example' })).toContain(
      'password must not contain your email name',
    );
  });
});
