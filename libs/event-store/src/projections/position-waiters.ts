interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Callers waiting for the read models to reach a position: woken by the runner, never by polling. */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(
          () => {
            this.waiters.delete(waiter);
            resolve(false);
          },
          Math.max(0, Math.min(timeoutMs, 2_147_483_647)),
        ),
      };
      this.waiters.add(waiter);
    });
  }

  reached(position: bigint): void {
    for (const w of this.waiters) {
      if (w.position > position) continue;
      clearTimeout(w.timer);
      this.waiters.delete(w);
      w.resolve(true);
    }
  }

  fail(error: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }
}
