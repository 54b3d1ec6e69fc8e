import 'reflect-metadata';
import { loadConfig, runOrExit } from '#config';
import { createApiApp } from './bootstrap/create-api-app.js';

/** The API process: listens until SIGTERM or SIGINT, then drains and exits. */
await runOrExit(async () => {
  const config = loadConfig();
  const app = await createApiApp({ config });
  await app.listen({ port: config.http.port, host: config.http.host });
});
