import { DataSource } from 'typeorm';
import { databaseName, dataSourceOptions, ensureDatabase } from '#persistence';
import type { Command } from '../command.js';

/** Creates the database if needed and applies pending migrations, each in its own transaction. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create the database if it is missing and apply pending migrations',
  usage: 'migrate',
  async run(_args, config, io) {
    if (await ensureDatabase(config.database.url)) io.out(`created database ${databaseName(config.database.url)}`);
    const dataSource = await new DataSource(dataSourceOptions(config.database.url)).initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      io.out(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations');
      return 0;
    } finally {
      await dataSource.destroy();
    }
  },
};
