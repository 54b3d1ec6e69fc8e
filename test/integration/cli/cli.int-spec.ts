import { Readable } from 'node:stream';
import pg from 'pg';
import { verifyPassword } from '#auth';
import { helpText, runCli } from '../../../apps/cli/src/run-cli.js';
import { rememberSecret } from '../../support/secret-registry.js';
import { strongPassword } from '../../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { TEST_REDIS_URL } from '../../setup/test-env.js';

function io(env: NodeJS.ProcessEnv, stdinText = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line), stdin: Readable.from([stdinText]), env },
  };
}

describe('npm run cli', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, NODE_ENV: 'test' };
  });
  afterAll(() => database.drop());

  async function storedUser(email: string) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query('SELECT email, roles, password_hash FROM users WHERE email = $1', [email])).rows[0];
    } finally {
      await client.end();
    }
  }

  it('lists its commands with --help', async () => {
    const run = io(env);
    expect(await runCli(['--help'], run.io)).toBe(0);
    expect(run.out.join('\n')).toBe(helpText());
    expect(helpText()).toMatch(/migrate[\s\S]*db:check[\s\S]*users:create/);
  });

  it('creates the first admin with the password from ADMIN_PASSWORD, hashed with Argon2id', async () => {
    const password = strongPassword();
    const run = io({ ...env, ADMIN_PASSWORD: password });
    expect(
      await runCli(['users:create', '--email', 'First.Admin@clinic.example', '--name', 'First Admin', '--role', 'admin'], run.io),
    ).toBe(0);
    expect(run.out.join('\n')).toContain('created admin first.admin@clinic.example');
    const row = await storedUser('first.admin@clinic.example');
    expect(row.roles).toEqual(['admin']);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
    expect(run.out.join('\n')).not.toContain(password);
  });

  it('reads the password from standard input when ADMIN_PASSWORD is not set', async () => {
    const password = strongPassword();
    const run = io(env, `${password}\n`);
    expect(
      await runCli(
        ['users:create', '--email', 'piped@clinic.example', '--name', 'Piped', '--role', 'privacy_officer', '--role', 'auditor'],
        run.io,
      ),
    ).toBe(0);
    const row = await storedUser('piped@clinic.example');
    expect(row.roles.sort()).toEqual(['auditor', 'privacy_officer']);
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
  });

  it('refuses a weak password, an unknown role, a missing option and a password given as an argument', async () => {
    rememberSecret('hunter2hunter2');
    const weak = io({ ...env, ADMIN_PASSWORD: 'password' });
    expect(await runCli(['users:create', '--email', 'w@clinic.example', '--name', 'W', '--role', 'admin'], weak.io)).toBe(1);
    expect(weak.err.join('\n')).toContain('too weak');
    const role = io({ ...env, ADMIN_PASSWORD: strongPassword() });
    expect(await runCli(['users:create', '--email', 'r@clinic.example', '--name', 'R', '--role', 'root'], role.io)).toBe(2);
    const missing = io({ ...env, ADMIN_PASSWORD: strongPassword() });
    expect(await runCli(['users:create', '--email', 'm@clinic.example'], missing.io)).toBe(2);
    await expect(
      runCli(['users:create', '--email', 'a@clinic.example', '--name', 'A', '--role', 'admin', '--password', 'hunter2hunter2'], io(env).io),
    ).rejects.toThrow(/Unknown option '--password'/);
    expect(await storedUser('w@clinic.example')).toBeUndefined();
  });

  it('answers an unknown command with its help and exit code 2', async () => {
    const run = io(env);
    expect(await runCli(['frobnicate'], run.io)).toBe(2);
    expect(run.err.join('\n')).toContain('unknown command "frobnicate"');
  });
});
