export { LoggingModule } from './logging.module.js';
export { baseLoggerOptions, httpLoggerOptions, requestIdFor } from './pino-options.js';
export { REDACTED, loggableUrl, redactPhi } from './redact-phi.js';
