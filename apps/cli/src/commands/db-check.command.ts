import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, findSchemaDrift, pendingMigrations } from '#persistence';
import type { Command } from '../command.js';

/**
 * Fails when the entities and the migrations disagree. With --fresh it checks
 * a scratch database built by the migrations alone, so a schema that was
 * changed by hand cannot hide the drift; without it, the configured database.
 */
export const dbCheckCommand: Command = {
  name: 'db:check',
  summary: 'fail when migrations are pending or entities differ from the migrated schema',
  usage: 'db:check [--fresh]',
  async run(args, config, io) {
    const fresh = args.includes('--fresh');
    const url = fresh ? scratchUrl(config.database.url) : config.database.url;
    if (fresh) {
      await dropDatabase(url);
      await ensureDatabase(url);
    }
    const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      if (fresh) await dataSource.runMigrations({ transaction: 'each' });
      const pending = await pendingMigrations(dataSource);
      if (pending.length) {
        io.err(`pending migrations: ${pending.join(', ')} (run: npm run migration:run)`);
        return 1;
      }
      const drift = await findSchemaDrift(dataSource);
      if (drift.length) {
        io.err('the entities differ from the migrated schema; generate a migration (npm run migration:generate -- migrations/Name):');
        for (const sql of drift) io.err(`  ${sql}`);
        return 1;
      }
      io.out('schema matches the entities; no pending migrations');
      return 0;
    } finally {
      await dataSource.destroy();
      if (fresh) await dropDatabase(url);
    }
  },
};

function scratchUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/prd_drift_check_${process.pid}`;
  return parsed.toString();
}
