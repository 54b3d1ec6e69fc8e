import { Readable } from 'node:stream';
import pg from 'pg';
import { REQUEST_TYPES } from '#domain';
import { runCli } from '../../../apps/cli/src/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { TEST_REDIS_URL } from '../../setup/test-env.js';

describe('npm run seed:demo', () => {
  let database: TestDatabase;
  let output: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    output = [];
    const code = await runCli(['seed:demo'], {
      out: (line) => output.push(line),
      err: (line) => output.push(line),
      stdin: Readable.from([]),
      env: { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, NODE_ENV: 'test' },
    });
    expect(code).toBe(0);
  }, 60_000);
  afterAll(() => database.drop());

  async function query<T>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('prints each demo user’s password once', () => {
    const text = output.join('\n');
    expect(text.match(/Demo-[A-Za-z0-9_-]{12}/g)).toHaveLength(5);
    expect(text).toContain('demo-privacy@clinic.example');
  });

  it('makes a living work queue: about 50 requests of every type, some overdue, some due this week, many states', async () => {
    const [{ total, overdue, dueThisWeek, states }] = await query<{ total: number; overdue: number; dueThisWeek: number; states: number }>(`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE open AND due_at < now())::int AS overdue,
             count(*) FILTER (WHERE open AND due_at >= now() AND due_at < now() + interval '7 days')::int AS "dueThisWeek",
             count(DISTINCT type || ':' || status)::int AS states
        FROM requests`);
    expect(total).toBeGreaterThanOrEqual(45);
    expect(overdue).toBeGreaterThanOrEqual(3);
    expect(dueThisWeek).toBeGreaterThanOrEqual(3);
    expect(states).toBeGreaterThanOrEqual(20);
    const types = (await query<{ type: string }>('SELECT DISTINCT type FROM requests')).map((row) => row.type).sort();
    expect(types).toEqual([...REQUEST_TYPES].sort());
  });

  it('fills a disclosure ledger the accounting can read: exempt, accountable, repeated, and one to correct (45 CFR 164.528)', async () => {
    const [ledger] = await query<{ total: number; patients: number; categories: number; incomplete: number }>(`
      SELECT count(*)::int AS total, count(DISTINCT patient_id)::int AS patients, count(DISTINCT category)::int AS categories,
             count(*) FILTER (WHERE purpose = '')::int AS incomplete
        FROM disclosures`);
    expect(ledger.patients).toBeGreaterThanOrEqual(10);
    expect(ledger.total).toBe(ledger.patients * 6);
    expect(ledger.categories).toBe(4);
    expect(ledger.incomplete).toBe(1);
    expect(output.join('\n')).toMatch(/\d+ disclosures/);
  });

  it('refuses to run on production without being told', async () => {
    const lines: string[] = [];
    const code = await runCli(['seed:demo'], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      stdin: Readable.from([]),
      env: { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
    });
    expect(code).toBe(2);
  });
});
