// Who performs an operation. Every domain function takes one, so permissions and the audit
// log hang on the same argument whatever the transport.
export interface Actor {
  name: string;
}

/** Start-up work (recovery, demo data) acts as the system itself. */
export const systemActor: Actor = { name: "system" };
