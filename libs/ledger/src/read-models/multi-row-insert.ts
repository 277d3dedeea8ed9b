import type Database from 'better-sqlite3';

type Db = Database.Database;

/**
 * Most rows per INSERT statement. A rebuild writes millions of rows (1.3 M draft lines, 652 k enrollments,
 * 270 k registrations); one statement per 32 of them costs about half as much per row as one per row (a
 * statement's bind-and-step overhead is paid once for all 32). 16 and 64 measured no better.
 */
export const ROWS_PER_INSERT = 32;

/**
 * `INSERT INTO table (columns) VALUES (…), (…), … ON CONFLICT DO NOTHING` for any number of rows up to
 * ROWS_PER_INSERT, one statement prepared per row count on first use. Rows are inserted in order and each
 * conflicts (or not) alone, as if written one statement each: a re-applied event still changes nothing.
 */
export class MultiRowInsert {
  private readonly byRows: Array<Database.Statement<unknown[]> | undefined> = [];
  private readonly row: string;

  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.row = `(${columns.map(() => '?').join(', ')})`;
  }

  get width(): number {
    return this.columns.length;
  }

  /** Inserts `values.length / width` rows (1 … ROWS_PER_INSERT), their values row after row. */
  run(values: readonly unknown[]): void {
    const rows = values.length / this.columns.length;
    this.statement(rows).run(values);
  }

  /** Inserts any number of rows, their values row after row, ROWS_PER_INSERT to a statement. */
  runAll(values: readonly unknown[]): void {
    const step = ROWS_PER_INSERT * this.columns.length;
    for (let from = 0; from < values.length; from += step) this.run(values.slice(from, from + step));
  }

  private statement(rows: number): Database.Statement<unknown[]> {
    if (!Number.isInteger(rows) || rows < 1 || rows > ROWS_PER_INSERT) {
      throw new RangeError(
        `a multi-row insert into ${this.table} takes 1 to ${ROWS_PER_INSERT} rows, not ${rows}`,
      );
    }
    return (this.byRows[rows] ??= this.db.prepare<unknown[]>(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${new Array<string>(rows)
        .fill(this.row)
        .join(', ')} ON CONFLICT DO NOTHING`,
    ));
  }
}

/**
 * One row per event, held back and written ROWS_PER_INSERT to a statement. Held rows must be written before
 * anything reads the table — the projection's other handlers call `flushBefore` first thing — and before the
 * transaction commits: the runner calls Projection.flush at the end of each batch, which calls `flush`.
 * Rows held in a transaction that was rolled back must never be written: the runner then applies again from
 * its checkpoint, so the next position it shows (an event of this projection, or a batch's end) is not past
 * the last row held, and that is how the rows are known to be stale and dropped.
 */
export class BufferedRows {
  private readonly values: unknown[] = [];
  /** Position of the event of the last row held (or written). */
  private last = -1n;

  constructor(private readonly insert: MultiRowInsert) {}

  /** Holds the row of the event at `position`, its values in column order. */
  add(position: bigint, row: readonly unknown[]): void {
    if (position <= this.last) this.values.length = 0; // applied again after a rollback
    this.last = position;
    for (const v of row) this.values.push(v);
    if (this.values.length === ROWS_PER_INSERT * this.insert.width) this.write();
  }

  /** Writes the rows held for events up to `upTo` (a batch's last position); later ones are stale: dropped. */
  flush(upTo: bigint): void {
    if (this.last > upTo) this.values.length = 0;
    else this.write();
  }

  /** Writes the rows held for events before `position` (the event about to be applied); later ones: dropped. */
  flushBefore(position: bigint): void {
    this.flush(position - 1n);
  }

  private write(): void {
    if (this.values.length === 0) return;
    const values = this.values.splice(0);
    this.insert.run(values);
  }
}
