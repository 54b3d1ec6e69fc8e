import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities/index.js';

/**
 * The one set of DataSource options, shared by the API, the worker, the CLI
 * and the tests. The schema is changed only by migrations.
 */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'patient-rights-desk',
    // Pin the session zone: timestamps are stored as timestamptz, and nothing
    // should depend on the server's default zone.
    extra: { options: '-c TimeZone=UTC', max: 10 },
    ...extra,
  } as DataSourceOptions;
}
