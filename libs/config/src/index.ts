export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { EnvSchema, NODE_ENVS, SECRET_VARIABLES, isTimeZone, type NodeEnv } from './env.schema.js';
export { ConfigError, loadConfig } from './load-config.js';
export { runOrExit } from './run-or-exit.js';
