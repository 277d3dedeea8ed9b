import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { allProjections, applyEvents, resetReadModels } from '../../read-models';

/**
 * The read models rebuilt from nothing as the log streams past, for `verify` to compare the live ones with.
 * They go to a scratch file, not memory: a million events' read models are larger than the heap should be.
 * Events are applied in transactions of `batchSize` (a batch of draft chunks can hold megabytes), so only one
 * batch is ever held. A tampered event can make a projection throw: the replay then stops and says where,
 * and the pass over the log goes on.
 */
export class FreshReplay {
  readonly projections = allProjections();
  private batch: RecordedEvent[] = [];
  private failed: string | undefined;

  private constructor(
    readonly db: Database.Database,
    private readonly dir: string,
    private readonly batchSize: number,
  ) {
    resetReadModels(db, this.projections);
  }

  static open(batchSize = 1000): FreshReplay {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-verify-'));
    const db = new Database(path.join(dir, 'fresh-readmodels.sqlite'));
    // A scratch copy: losing it to a crash costs nothing, so skip the journal and fsyncs.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    return new FreshReplay(db, dir, batchSize);
  }

  /** Why the replay stopped, naming the event; undefined while it runs. */
  get failure(): string | undefined {
    return this.failed;
  }

  add(event: RecordedEvent): void {
    if (this.failed !== undefined) return;
    this.batch.push(event);
    if (this.batch.length >= this.batchSize) this.flush();
  }

  flush(): void {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0 || this.failed !== undefined) return;
    try {
      applyEvents(this.db, this.projections, batch);
    } catch {
      this.findFailure(batch); // the batch rolled back: again one event at a time, to name the one that throws
    }
  }

  close(): void {
    this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private findFailure(batch: readonly RecordedEvent[]): void {
    for (const e of batch) {
      try {
        applyEvents(this.db, this.projections, [e]);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.failed = `a fresh replay fails at position ${e.position.toString()} (${e.streamId}, ${e.type}): ${why}`;
        return;
      }
    }
  }
}
