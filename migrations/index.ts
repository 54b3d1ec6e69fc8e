import { CreateOutbox1795795200000 } from './1795795200000-CreateOutbox.js';

/**
 * Every migration, oldest first. `npm run migration:generate -- migrations/Name`
 * writes a new file; add its class here (the drift check fails until you do).
 */
export const MIGRATIONS = [CreateOutbox1795795200000];
