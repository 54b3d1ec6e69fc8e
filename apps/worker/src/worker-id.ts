import { hostname } from 'node:os';

/** Names this worker process in heartbeats: host and pid. */
export const WORKER_ID = `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '_');
