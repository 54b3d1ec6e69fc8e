import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions, ensureDatabase, dropDatabase } from '#persistence';
import { TEMPLATE_DATABASE, TEST_SERVER_URL, urlForDatabase } from '../setup/test-env.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Changes whenever a migration's code changes, so a stale template is rebuilt. */
const MIGRATIONS_FINGERPRINT = createHash('sha256')
  .update(MIGRATIONS.map((migration) => migration.toString()).join('\n'))
  .digest('hex')
  .slice(0, 16);

/** Serialises template work across the parallel Jest workers. */
const TEMPLATE_LOCK = 727_001;

/**
 * A fresh, migrated database for one test file. The first caller of a run
 * builds the template from the migrations; everyone clones it, which takes
 * milliseconds (immich's per-file database, without a global setup).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = urlForDatabase(`prd_test_${process.pid}_${randomBytes(4).toString('hex')}`);
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const found = await admin.query<{ description: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS description FROM pg_database WHERE datname = $1`,
      [TEMPLATE_DATABASE],
    );
    if (found.rows[0]?.description !== MIGRATIONS_FINGERPRINT) {
      await buildTemplate();
      await admin.query(`COMMENT ON DATABASE "${TEMPLATE_DATABASE}" IS '${MIGRATIONS_FINGERPRINT}'`);
    }
    await ensureDatabase(url, TEMPLATE_DATABASE);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  return { url, drop: () => dropDatabase(url) };
}

async function buildTemplate(): Promise<void> {
  const url = urlForDatabase(TEMPLATE_DATABASE);
  await dropDatabase(url);
  await ensureDatabase(url);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** A Redis key prefix no other test file uses. */
export function uniqueRedisPrefix(): string {
  return `prd_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}
