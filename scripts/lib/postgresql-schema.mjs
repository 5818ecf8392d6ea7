// prisma/schema.prisma is written for SQLite, the embedded default; the PostgreSQL client and
// migrations come from the same text with only the datasource's provider changed. Everything
// in the schema is portable (enumerations are strings, checked by zod), so nothing else differs.

const SQLITE = 'provider = "sqlite"';

export function postgresqlSchema(sqliteSchema) {
  if (!sqliteSchema.includes(SQLITE)) throw new Error(`prisma/schema.prisma must declare ${SQLITE}`);
  return sqliteSchema.replace(SQLITE, 'provider = "postgresql"');
}

/** Which migration history a database URL takes. */
export function migrationsFolder(databaseUrl) {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "migrations-postgresql" : "migrations";
}
