import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequestsRepository } from '#persistence';
import { createServiceContext } from '../../support/service-context.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testConfig } from '../../support/test-config.js';

describe('the work queue: open requests ordered by due date', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let repository: RequestsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createServiceContext(testConfig(database.url));
    dataSource = app.get(getDataSourceToken());
    repository = app.get(RequestsRepository);
    // 20,000 requests, one in ten open: enough that a scan would be the planner's last choice.
    await dataSource.query(`
      INSERT INTO requests (reference, type, status, open, requester, channel, received_at, received_on, due_on, due_at,
                            original_due_on, original_due_at, deadline_rule, deadline_kind, details, created_by, closed_at)
      SELECT 'PR-2026-' || lpad(n::text, 6, '0'), 'access', CASE WHEN n % 10 = 0 THEN 'received' ELSE 'fulfilled' END, n % 10 = 0,
             '{"type":"individual"}', 'mail', now() - (n || ' minutes')::interval, current_date, current_date + (n % 60),
             now() + ((n % 60) || ' days')::interval, current_date, now(), 'hipaa-access', 'legal', '{}', 'system:test',
             CASE WHEN n % 10 = 0 THEN NULL ELSE now() END
        FROM generate_series(1, 20000) AS n`);
    await dataSource.query('ANALYZE requests');
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function plan(sql: string, parameters: unknown[]): Promise<string> {
    const rows: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN ${sql}`, parameters);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it('reads the first page from the partial index ix_requests_open_due, not a scan', async () => {
    const [sql, parameters] = repository.query({ limit: 50 }, 'open', undefined, 51).getQueryAndParameters();
    const text = await plan(sql, parameters);
    expect(text).toContain('ix_requests_open_due');
    expect(text).not.toMatch(/Seq Scan on "?requests"?/);
    expect(text).not.toMatch(/\bSort\b/);
  });

  it('reads a keyset page from the same index', async () => {
    const cursor = {
      phase: 'open' as const,
      dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      id: '00000000-0000-4000-8000-000000000000',
    };
    const [sql, parameters] = repository.query({ limit: 50 }, 'open', cursor, 51).getQueryAndParameters();
    expect(await plan(sql, parameters)).toContain('ix_requests_open_due');
  });

  it('pages through every open request exactly once, in due-date order', async () => {
    const seen: string[] = [];
    let previous = 0;
    let cursor: Parameters<RequestsRepository['list']>[0]['cursor'];
    for (;;) {
      const page = await repository.list({ limit: 200, open: true, cursor });
      for (const row of page.items) {
        expect(row.dueAt.getTime()).toBeGreaterThanOrEqual(previous);
        previous = row.dueAt.getTime();
        seen.push(row.id);
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(2000);
    expect(new Set(seen).size).toBe(2000);
  });
});
