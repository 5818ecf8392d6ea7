import { createDatabase, newDatabaseName } from "./test-databases";

// Prints the URL of a new, empty PostgreSQL database for the e2e server (playwright.config.ts,
// which cannot await); e2e/global-teardown.ts drops it.
console.log(await createDatabase(newDatabaseName("multistore_e2e")));
