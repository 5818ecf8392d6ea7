import "server-only";
import net from "node:net";

// A client of the QEMU Machine Protocol: one JSON object per line over a unix socket. QEMU
// greets first; the client must then negotiate capabilities before any other command. Replies
// carry the id sent with their command, so several callers may share one connection (QEMU
// serves one client per socket, so a VM has exactly one connection in the portal). Events
// (STOP, SHUTDOWN, BLOCK_JOB_READY…) arrive between replies at any time.

export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
  timestamp: { seconds: number; microseconds: number };
}

export class QmpError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    description: string,
  ) {
    super(`QMP ${command} failed: ${description}`);
    this.name = "QmpError";
  }
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class QmpClient {
  private buffer = "";
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Set<(event: QmpEvent) => void>();
  private readonly closeListeners = new Set<() => void>();
  private greeted: ((value: unknown) => void) | null = null;
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.on("error", () => undefined); // "close" follows and does the cleanup
    socket.on("close", () => this.handleClose());
  }

  /**
   * Connects, reads the greeting and leaves capabilities negotiation done. A reset
   * connection is tried again within the time allowed: QEMU resets a client while it is still
   * setting up its monitor, or while it is dropping the previous client.
   */
  static async connect(socketPath: string, timeoutMs = 5_000): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await QmpClient.connectOnce(socketPath, Math.max(deadline - Date.now(), 200));
      } catch (error) {
        const transient = /ECONNRESET/.test((error as Error).message);
        if (!transient || Date.now() + 100 > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private static async connectOnce(socketPath: string, timeoutMs: number): Promise<QmpClient> {
    const socket = net.createConnection(socketPath);
    const client = new QmpClient(socket);
    const failed = (reason: string) => {
      socket.destroy();
      return new Error(`QMP connection to ${socketPath} failed: ${reason}`);
    };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(failed("no greeting in time")), timeoutMs);
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(failed(error.message));
      });
      client.greeted = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await client.execute("qmp_capabilities", undefined, timeoutMs);
    return client;
  }

  get isClosed() {
    return this.closed;
  }

  execute<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`QMP ${command}: connection closed`));
    const id = `c${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QMP ${command}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}), id })}\n`);
    });
  }

  /** Calls `listener` for every event until the returned function is called. */
  onEvent(listener: (event: QmpEvent) => void) {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onClose(listener: () => void) {
    if (this.closed) queueMicrotask(listener);
    else this.closeListeners.add(listener);
  }

  close() {
    this.socket.end();
    this.socket.destroy();
  }

  private receive(chunk: string) {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\n"); end >= 0; end = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, end).trim();
      this.buffer = this.buffer.slice(end + 1);
      if (line) this.dispatch(JSON.parse(line) as Record<string, unknown>);
    }
  }

  private dispatch(message: Record<string, unknown>) {
    if ("QMP" in message) {
      this.greeted?.(message);
      this.greeted = null;
      return;
    }
    if ("event" in message) {
      for (const listener of this.eventListeners) listener(message as unknown as QmpEvent);
      return;
    }
    const pending = this.pending.get(String(message.id));
    if (!pending) return; // a reply that came after its command timed out
    this.pending.delete(String(message.id));
    clearTimeout(pending.timer);
    const error = message.error as { class: string; desc: string } | undefined;
    if (error) pending.reject(new QmpError(pending.command, error.class, error.desc));
    else pending.resolve(message.return);
  }

  private handleClose() {
    if (this.closed) return;
    this.closed = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`QMP ${pending.command}: connection closed`));
      this.pending.delete(id);
    }
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }
}
