import type Database from 'better-sqlite3';
import type { Projection } from './projection';

/**
 * `projection_checkpoints(name, version, position)`: the last position each projection has applied, written
 * in the same transaction as the rows it applied, so a crash can neither skip nor repeat an event.
 *
 * Two views of each position: the one written inside the runner's open transaction (`of`: which events a
 * projection still needs), and the one known committed (`lowest`: what the runner may tell anyone). A bulk
 * catch-up keeps one transaction open across many batches; until it commits, nothing it applied is promised.
 */
export class Checkpoints {
  private readonly select;
  private readonly upsert;
  private readonly anyApplied;
  private readonly positions = new Map<string, bigint>();
  /** Written in the open transaction, not yet committed. */
  private readonly pending = new Map<string, bigint>();

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name     TEXT PRIMARY KEY,
      version  INTEGER NOT NULL,
      position INTEGER NOT NULL
    )`);
    this.select = db
      .prepare<[string], { version: bigint; position: bigint }>(
        'SELECT version, position FROM projection_checkpoints WHERE name = ?',
      )
      .safeIntegers(true);
    this.upsert = db.prepare<[string, number, bigint]>(
      `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    );
    this.anyApplied = db
      .prepare<[], number>('SELECT EXISTS (SELECT 1 FROM projection_checkpoints WHERE position > 0)')
      .pluck();
  }

  /** Sets each projection up; one whose stored version differs is dropped and starts again from 0. */
  prepare(projections: readonly Projection[]): void {
    this.db.transaction(() => {
      for (const p of projections) {
        const row = this.select.get(p.name);
        if (row !== undefined && Number(row.version) === p.version) {
          p.setup(this.db);
          this.positions.set(p.name, row.position);
          continue;
        }
        if (row !== undefined) p.drop(this.db);
        p.setup(this.db);
        this.upsert.run(p.name, p.version, 0n);
        this.positions.set(p.name, 0n);
      }
    })();
  }

  /** Drops, sets up and rewinds to 0, in one transaction. */
  reset(projections: readonly Projection[]): void {
    this.db.transaction(() => {
      for (const p of projections) {
        p.drop(this.db);
        p.setup(this.db);
        this.upsert.run(p.name, p.version, 0n);
      }
    })();
    for (const p of projections) this.positions.set(p.name, 0n);
  }

  /**
   * Re-reads the stored positions. Called at the start of the write transaction, so a second process applying
   * the same read models (the CLI's `verify` bringing them up to date while the API runs) is never
   * double-applied: what it committed is committed.
   */
  refresh(projections: readonly Projection[]): void {
    for (const p of projections) {
      const row = this.select.get(p.name);
      if (row !== undefined && row.position > this.of(p.name)) this.positions.set(p.name, row.position);
    }
  }

  /** True when no projection stored in this database has applied anything: every table is empty. */
  nothingApplied(): boolean {
    return this.anyApplied.get() === 0;
  }

  /** Where the projection is, counting what the open transaction has applied. */
  of(name: string): bigint {
    return this.pending.get(name) ?? this.positions.get(name) ?? 0n;
  }

  /** Inside the caller's transaction; `commit` once it has committed, `rollback` if it did not. */
  write(projection: Projection, position: bigint): void {
    this.upsert.run(projection.name, projection.version, position);
    this.pending.set(projection.name, position);
  }

  /** The open transaction committed: its positions are now true. */
  commit(): void {
    for (const [name, position] of this.pending) this.positions.set(name, position);
    this.pending.clear();
  }

  /** The open transaction rolled back: its positions never were. */
  rollback(): void {
    this.pending.clear();
  }

  /** The lowest committed checkpoint: every projection has applied, in committed transactions, the log up to here. */
  lowest(names: readonly string[]): bigint | undefined {
    let low: bigint | undefined;
    for (const n of names) {
      const p = this.positions.get(n) ?? 0n;
      if (low === undefined || p < low) low = p;
    }
    return low;
  }
}
