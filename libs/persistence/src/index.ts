export { dataSourceOptions } from './data-source-options.js';
export { databaseName, dropDatabase, ensureDatabase, maintenanceUrl } from './ensure-database.js';
export * from './entities/index.js';
export { PersistenceModule } from './persistence.module.js';
export type { ParameterisedInsert } from './parameterised-insert.js';
export { findSchemaDrift, pendingMigrations } from './schema-drift.js';
export {
  NEXT_REFERENCE_NUMBER,
  RequestsRepository,
  referenceFor,
  type ListCursor,
  type RequestFilter,
} from './repositories/requests.repository.js';
export { LetterSourcesRepository, type LoadedLetterSources } from './repositories/letter-inputs.repository.js';
export { DisclosuresRepository, type NewDisclosure, type RestrictionRow } from './repositories/disclosures.repository.js';
export { registerRequestPages, type RegisterRequestRow } from './repositories/request-register.repository.js';
