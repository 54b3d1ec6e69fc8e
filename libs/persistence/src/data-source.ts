import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '#config';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate`), built
 * from the same options and environment as the apps.
 */
export default new DataSource(dataSourceOptions(loadConfig().database.url));
