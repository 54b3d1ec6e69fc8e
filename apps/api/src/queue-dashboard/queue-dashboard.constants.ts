/** Where bull-board is served: outside /api, straight on Fastify. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The signed, HttpOnly cookie a browser opens the dashboard with (a page load cannot send a bearer header). */
export const QUEUE_DASHBOARD_COOKIE = 'prd_admin_queues';

/** How long a dashboard session lasts. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 15 * 60;

/**
 * The dashboard's Content-Security-Policy, stricter than the app-wide one (which lets
 * Swagger UI run inline scripts): bull-board loads its scripts from files, and its one
 * inline <script> is a JSON data block, which CSP does not govern. It needs inline styles
 * (its loading placeholder and React's style attributes) and `data:` images. The web
 * font it links from fonts.googleapis.com is left blocked; the UI falls back to system fonts.
 */
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
