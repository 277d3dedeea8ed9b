import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { allProjections, applyEvents, resetReadModels } from '../../read-models';

/**
 * The read models rebuilt from nothing as the log streams past, for `verify` to compare the live ones with.
 * They go to a scratch file, not memory: a million events' read models are larger than the heap should be.
 * Events are applied in transactions of `batchSize`, so only one batch is ever held.
 */
export class FreshReplay {
  readonly projections = allProjections();
  private batch: RecordedEvent[] = [];

  private constructor(
    readonly db: Database.Database,
    private readonly dir: string,
    private readonly batchSize: number,
  ) {
    resetReadModels(db, this.projections);
  }

  static open(batchSize = 5000): FreshReplay {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-verify-'));
    const db = new Database(path.join(dir, 'fresh-readmodels.sqlite'));
    // A scratch copy: losing it to a crash costs nothing, so skip the journal and fsyncs.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    return new FreshReplay(db, dir, batchSize);
  }

  add(event: RecordedEvent): void {
    this.batch.push(event);
    if (this.batch.length >= this.batchSize) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    applyEvents(this.db, this.projections, this.batch);
    this.batch = [];
  }

  close(): void {
    this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
