// Prisma's schema engine (the thing behind `prisma migrate`), driven directly through its
// WebAssembly build and a driver adapter. The Prisma CLI cannot be used for migrations here:
// it always downloads a native engine binary first, and that host is unreachable.
// See shared/notes/toolchain.md, "Prisma 7 without its binary download".
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const NO_FILTERS = { externalTables: [], externalEnums: [] };
const LOCKFILE = "migration_lock.toml";

// The package's main entry does `import * as wasm from "./x.wasm"`, which Node refuses, so we
// instantiate the .wasm ourselves and hand it to the generated JS glue. Once per process.
let wasmReady;
function loadWasm() {
  wasmReady ??= (async () => {
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    // The engine arms timeouts it never clears (e.g. 10 s around PostgreSQL's migration
    // advisory lock); unref them so a finished script exits at once instead of 10 s later.
    const glueImports = { ...bg };
    for (const name of Object.keys(bg).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the wasm glue exports are only known at run time
      glueImports[name] = (...args) => bg[name](...args).unref();
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glueImports });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
  })();
  return wasmReady;
}

// postgresql://user:pass@host:port/db?schema=name -> pg.Pool config + Prisma schema name.
// A plain config object, not `connectionString`: pg lets the connection string override
// `database`, which would point the adapter's shadow database back at the real one.
function pgConfig(databaseUrl) {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? "public";
  const sslmode = url.searchParams.get("sslmode");
  return {
    schema,
    config: {
      host: decodeURIComponent(url.hostname) || "localhost",
      port: url.port ? Number(url.port) : 5432,
      user: decodeURIComponent(url.username) || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database: decodeURIComponent(url.pathname.slice(1)) || undefined,
      ssl: ["require", "verify-ca", "verify-full"].includes(sslmode) ? { rejectUnauthorized: sslmode !== "require" } : undefined,
      // Migration SQL names tables without a schema, so it must land in `schema` by default.
      options: `-c search_path="${schema}"`,
    },
  };
}

// The engine reads pg_catalog columns of type "char" (OID 18, e.g. pg_constraint.contype) when
// it inspects a schema; adapter-pg rejects that type ("Column type 'char' could not be
// deserialized"). pg already returns those values as strings, so report them as text.
function readCharAsText(adapter) {
  const performIO = adapter.performIO.bind(adapter);
  adapter.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return adapter;
}

async function adapterFactory(databaseUrl) {
  if (databaseUrl.startsWith("file:")) {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: databaseUrl });
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { config, schema } = pgConfig(databaseUrl);
    const factory = new PrismaPg(config, { schema });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => readCharAsText(await connect());
    // The adapter's own shadow database is dropped while its pool is still connected to it
    // ("being accessed by other users"), leaking one database per diff, and it forgets the
    // schema name. Same steps here, in the right order.
    factory.connectToShadowDb = async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const admin = await factory.connect();
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = readCharAsText(await new PrismaPg({ ...config, database: name }, { schema }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.dispose();
      };
      return shadow;
    };
    return factory;
  }
  throw new Error(`unsupported DATABASE_URL (want file:... or postgresql://...): ${databaseUrl}`);
}

// The migrations folder in the shape the engine expects (the same one the CLI builds).
// Sorted by directory name, which starts with the timestamp: that is the apply order.
async function readMigrations(migrationsDir) {
  const baseDir = path.resolve(migrationsDir);
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = [];
  for (const name of dirs) {
    const content = await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok", value }),
      (err) => ({ tag: "error", value: err.message }),
    );
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

// To replay the history in the shadow database the engine sends each whole migration.sql
// through executeRaw, which better-sqlite3 refuses ("contains more than one statement": it
// prepares one statement at a time). Run such scripts with executeScript (sqlite exec) instead.
function allowScripts(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (err) {
      if (!(query.args.length === 0 && /more than one statement/.test(err?.message))) throw err;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

export async function openSchemaEngine(databaseUrl) {
  await loadWasm();
  const factory = await adapterFactory(databaseUrl);

  // The engine opens its main connection through the factory but never closes it; wrap the
  // factory to keep that connection so close() can (an open pg Pool keeps the process alive).
  // Shadow-database connections are the engine's own business: it disposes them itself.
  const opened = [];
  const tracked = {
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => allowScripts(await factory.connectToShadowDb()),
  };

  const log = process.env.DEBUG_SCHEMA_ENGINE ? (line) => console.error("[schema-engine]", String(line).trimEnd()) : () => {};
  // The engine expects the Result-returning ({ ok, value }) interface this binder puts around
  // the factory and every adapter it opens; a bare factory crashes inside the engine.
  const bound = bindMigrationAwareSqlAdapterFactory(tracked);
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, log, bound);
  // A plain JS error thrown by an adapter reaches us only as "External error id#N" in the
  // engine's message; put the original message next to it.
  const explain = (err) => {
    if (err instanceof Error) {
      err.message = err.message.replace(/External error id#(\d+)/g, (text, id) =>
        `${text} (${bound.errorRegistry.consumeError(Number(id))?.error?.message ?? "unknown"})`,
      );
    }
    throw err;
  };

  return {
    // SQL that takes a database from the migration history to the datamodel: the body of the
    // next migration, or "" when there is nothing to do. Replaying the history happens in the
    // adapter's shadow database (SQLite: in memory; PostgreSQL: a temporary database).
    // `schemaContent` lets callers diff against a datamodel that is not on disk.
    async diffToSchema(migrationsDir, schemaPath, schemaContent) {
      const content = schemaContent ?? (await readFile(schemaPath, "utf8"));
      const migrations = await readMigrations(migrationsDir);
      const from = migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" };
      const result = await engine
        .diff({
          from,
          to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
          script: true,
          exitCode: true, // 2 = there is a difference, 0 = none
          filters: NO_FILTERS,
        })
        .catch(explain);
      return result.exitCode === 2 ? result.stdout : "";
    },

    // Applies the migrations not yet recorded in _prisma_migrations, in order; each runs once.
    // Returns the names applied now and the ones still pending afterwards (normally none).
    async applyMigrations(migrationsDir) {
      const migrationsList = await readMigrations(migrationsDir);
      const { appliedMigrationNames } = await engine
        .applyMigrations({ migrationsList, filters: NO_FILTERS })
        .catch(explain);
      const status = await engine
        .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS })
        .catch(explain);
      const pending = status.history?.unappliedMigrationNames ?? [];
      return { applied: appliedMigrationNames, pending };
    },

    async close() {
      engine.free();
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
    },
  };
}
