// Next.js calls register() once per server start.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startPortal } = await import("./lib/startup");
    await startPortal();
  }
}
