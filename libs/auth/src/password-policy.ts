export const MIN_PASSWORD_LENGTH = 12;

const COMMON = ['password', 'passw0rd', 'letmein', 'welcome', 'qwerty', '123456', 'admin', 'changeme', 'iloveyou'];

/**
 * Reasons a password is too weak, empty when it is acceptable: at least 12
 * characters from at least three character classes (or 16 of any), not a
 * common password, not containing the user's email name.
 */
export function passwordProblems(password: string, user: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 256) problems.push('password must be at most 256 characters');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (password.length < 16 && classes < 3) {
    problems.push('password must mix at least three of: lower case, upper case, digits, symbols (or be 16 characters or more)');
  }
  const lower = password.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) problems.push('password must not contain a common password');
  const localPart = user.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && lower.includes(localPart)) problems.push('password must not contain your email name');
  if (new Set(password).size < 5) problems.push('password must not repeat a few characters');
  return problems;
}
