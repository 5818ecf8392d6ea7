// State that must exist once per process. Next.js may load a module once for the start-up hook
// (instrumentation) and again for the routes, and again on each dev reload; what lives on
// globalThis is shared by all of them (as the database client is).
export function processWide<T>(key: string, create: () => T): T {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  holder[`multistore:${key}`] ??= create();
  return holder[`multistore:${key}`] as T;
}
