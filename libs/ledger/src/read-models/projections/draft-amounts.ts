import type Database from 'better-sqlite3';

type Db = Database.Database;

/**
 * During a bulk catch-up, each draft's line amounts (integer fen, by line number) as its chunks are applied, so
 * that its approval splits them without reading back the lines the catch-up has just written (1.3 M rows read
 * back were ~0.4 s of the 1 M-event rebuild's main thread). Held only for drafts whose header this catch-up
 * applied, and used only when every line number 1..lineCount has been seen and no other: then they are exactly
 * the batch's rows of `payment_line` (lines are immutable facts, written once, ON CONFLICT DO NOTHING), in the
 * order the approval reads them. Otherwise the approval reads `payment_line` as it always does. Not held while
 * following the log: a draft never approved would stay in memory for the life of the process.
 */
class Draft {
  private seen = 0;
  private spoilt = false;
  private readonly amounts: Float64Array;

  constructor(lineCount: number) {
    this.amounts = new Float64Array(lineCount).fill(Number.NaN);
  }

  add(lineNo: number, fen: number): void {
    const i = lineNo - 1;
    if (!Number.isInteger(i) || i < 0 || i >= this.amounts.length) this.spoilt = true;
    else if (Number.isNaN(this.amounts[i]!)) {
      this.amounts[i] = fen; // the first write of a line number wins, as in the table
      this.seen++;
    }
  }

  /** Amounts by line number − 1, if every line and no other was seen. */
  complete(): Float64Array | undefined {
    return !this.spoilt && this.seen === this.amounts.length ? this.amounts : undefined;
  }
}

/** Per read-model database: undefined while not in a bulk catch-up. */
const held = new WeakMap<Db, Map<number, Draft>>();

export const heldDraftAmounts = {
  /** A bulk catch-up starts: drafts whose header it applies are held from now on. */
  bulkCatchUpStarts(db: Db): void {
    held.set(db, new Map());
  },

  /** The catch-up has ended (or it was not a bulk one): nothing is held any more. */
  caughtUp(db: Db): void {
    held.delete(db);
  },

  /** A draft's header was applied: its `lineCount` lines are held as they come (in a bulk catch-up). */
  drafted(db: Db, batchSeq: number, lineCount: number): void {
    held.get(db)?.set(batchSeq, new Draft(lineCount));
  },

  /** A held draft, to add the lines of a chunk to; undefined if not held. */
  of(db: Db, batchSeq: number): Pick<Draft, 'add'> | undefined {
    return held.get(db)?.get(batchSeq);
  },

  /** The approval takes a held draft's amounts if complete (and lets the draft go either way). */
  take(db: Db, batchSeq: number): Float64Array | undefined {
    const drafts = held.get(db);
    const draft = drafts?.get(batchSeq);
    drafts?.delete(batchSeq);
    return draft?.complete();
  },
};
