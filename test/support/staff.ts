import { randomBytes } from 'node:crypto';
import { UsersService, type Role } from '#auth';
import type { User } from '#persistence';
import type { TestApi } from './api-app.js';
import { rememberSecret } from './secret-registry.js';

export interface StaffMember {
  user: User;
  email: string;
  password: string;
  token: string;
}

/** A strong password no two test users share. */
export function strongPassword(): string {
  const password = `Tr0ub4dor&${randomBytes(6).toString('hex')}`;
  rememberSecret(password);
  return password;
}

/** A staff user made through the service (as the CLI does) and signed in over HTTP. */
export async function createStaff(api: TestApi, roles: Role[], name = 'Test Staff'): Promise<StaffMember> {
  const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@clinic.example`;
  const password = strongPassword();
  const user = await api.app.get(UsersService).create(
    { actor: 'system:test' },
    {
      email,
      name,
      roles,
      password,
      licence: roles.includes('reviewer') ? { profession: 'Physician (MD)', number: 'MD-000001', jurisdiction: 'NY' } : null,
    },
  );
  const login = await api.request('POST', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`test login failed: ${login.status} ${login.text}`);
  rememberSecret(password, login.body.accessToken);
  return { user, email, password, token: login.body.accessToken };
}
