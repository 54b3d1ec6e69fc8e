import type { DataSource } from 'typeorm';

/**
 * The SQL that TypeORM would run to make the database match the entities:
 * empty when the migrations and the entities agree. This is what
 * `migration:generate` computes, without writing a file.
 */
export async function findSchemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = new Set<string>(
    (await dataSource.query(`SELECT name FROM schema_migrations`).catch(() => [])).map((row: { name: string }) => row.name),
  );
  return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !applied.has(name));
}
