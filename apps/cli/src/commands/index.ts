import type { Command } from '../command.js';
import { dbCheckCommand } from './db-check.command.js';
import { docsRequestTypesCommand } from './docs-request-types.command.js';
import { migrateCommand } from './migrate.command.js';
import { seedDemoCommand } from './seed-demo.command.js';
import { usersCreateCommand } from './users-create.command.js';

/** Every command of `npm run cli`. */
export const COMMANDS: Command[] = [migrateCommand, dbCheckCommand, usersCreateCommand, docsRequestTypesCommand, seedDemoCommand];
