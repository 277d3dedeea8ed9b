/** A pending wait for the log to change; `cancel` ends it early (unsubscribe). */
export interface ChangeWait {
  readonly promise: Promise<void>;
  cancel(): void;
}

interface Waiter {
  readonly since: number;
  readonly wake: () => void;
}

/**
 * Wakes waiting subscriptions when the log grows. Appends through this process arrive by `notify()` at once;
 * appends by another process on the same file (the CLI next to the API) are noticed by polling
 * `PRAGMA data_version`, which changes whenever another connection commits. The poll runs only while
 * someone waits.
 */
export class ChangeFeed {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataVersion: () => number,
    private readonly pollIntervalMs: number,
  ) {}

  /** Take this before reading: a commit between the read and `wait()` then still wakes the waiter. */
  version(): number {
    return this.dataVersion();
  }

  wait(since: number): ChangeWait {
    let waiter!: Waiter;
    const promise = new Promise<void>((resolve) => {
      waiter = { since, wake: resolve };
    });
    this.waiters.add(waiter);
    this.ensurePolling();
    return {
      promise,
      cancel: () => this.release(waiter),
    };
  }

  /** The log grew through this process (or another store on the same file in this process). */
  notify(): void {
    for (const w of [...this.waiters]) this.release(w);
  }

  close(): void {
    this.notify();
  }

  private release(w: Waiter): void {
    this.waiters.delete(w);
    w.wake();
    if (this.waiters.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private ensurePolling(): void {
    if (this.timer !== undefined) return;
    // Not unref'd: a process waiting for another process's events must stay alive while it waits.
    this.timer = setInterval(() => this.poll(), this.pollIntervalMs);
  }

  private poll(): void {
    let current: number;
    try {
      current = this.dataVersion();
    } catch {
      // The connection was closed under us: let the waiters read and see the error themselves.
      this.notify();
      return;
    }
    for (const w of [...this.waiters]) if (w.since !== current) this.release(w);
  }
}

/**
 * Stores in this process that share a file hear each other's appends at once instead of at the next poll.
 */
const feedsByFile = new Map<string, Set<ChangeFeed>>();

export function joinFile(file: string, feed: ChangeFeed): () => void {
  let feeds = feedsByFile.get(file);
  if (feeds === undefined) {
    feeds = new Set();
    feedsByFile.set(file, feeds);
  }
  feeds.add(feed);
  return () => {
    feeds.delete(feed);
    if (feeds.size === 0) feedsByFile.delete(file);
  };
}

export function notifyFile(file: string): void {
  const feeds = feedsByFile.get(file);
  if (feeds !== undefined) for (const f of feeds) f.notify();
}
