// Settings the e2e server is started with (playwright.config.ts) that the API tests rely on.

/** Fixed, so a test can sign an expired token the server must refuse. */
export const E2E_TOKEN_SECRET = "e2e-only-token-secret-0123456789abcdef";

/** The password the e2e server gives admin@internal at its first start. */
export const ADMIN_PASSWORD = "e2e-admin-password";

/** QMP sockets and pid files of the e2e server's VMs: short enough for a socket path wherever the checkout is. */
export const E2E_RUNTIME_DIR = "/tmp/multistore-e2e-run";

/**
 * The e2e server's PostgreSQL database when the suite runs on PostgreSQL; undefined on SQLite.
 * Read when called: playwright.config.ts sets it after importing this file.
 */
export function e2eDatabaseUrl() {
  return process.env.E2E_DATABASE_URL;
}
