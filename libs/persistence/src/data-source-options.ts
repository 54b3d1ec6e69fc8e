import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities/index.js';

/**
 * Gives every new pool connection an 'error' listener for its whole life. pg-pool takes its own
 * listener off a connection when it hands it out, and TypeORM puts one on a microtask later: a
 * server going away at that moment (the FATAL "terminating connection" of a restart arriving in
 * the same read as the connection's first answer) was an unhandled 'error' event that killed the
 * process. The error itself still reaches whoever uses the connection (its query fails, TypeORM
 * releases it, the pool drops it); this listener only keeps the process alive.
 */
export function keepErrorListener(client: { on(event: 'error', listener: (error: Error) => void): unknown }): void {
  client.on('error', () => undefined);
}

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
    extra: { options: '-c TimeZone=UTC', max: 10, onConnect: keepErrorListener },
    ...extra,
  } as DataSourceOptions;
}
