import { NestFactory } from '@nestjs/core';
import { CliModule } from '../cli.module.js';
import type { Command } from '../command.js';
import { seedDemo } from '../seed/demo-seed.js';
import { migrateCommand } from './migrate.command.js';

/** `npm run seed:demo`: a living work queue of synthetic data for a first look. */
export const seedDemoCommand: Command = {
  name: 'seed:demo',
  summary: 'add synthetic staff, patients and about 50 requests in every state (never on real data)',
  usage: 'seed:demo [--yes-on-production]',
  async run(args, config, io) {
    if (config.env === 'production' && !args.includes('--yes-on-production')) {
      io.err('refusing to add demo data with NODE_ENV=production (pass --yes-on-production if this really is a demo system)');
      return 2;
    }
    // On a fresh machine the seed may come before the first `npm start`: migrate first.
    const migrated = await migrateCommand.run([], config, io);
    if (migrated !== 0) return migrated;
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, { withRequests: true }), {
      logger: false,
      abortOnError: false,
    });
    try {
      await seedDemo(app, io);
      return 0;
    } finally {
      await app.close();
    }
  },
};
