import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A rebuild into an EMPTY read-model database, written without a journal on disk and without syncs.
 *
 * In WAL mode every page a rebuild writes goes to the WAL first and is copied into the file at each
 * checkpoint, and a page written by many commits is copied many times (a 330 MB database cost ~1.25 GB of
 * writes plus the syncs). Here each commit writes its pages straight into the file (journal_mode = MEMORY:
 * a rollback still works, from originals kept in memory, and the new pages a growing database gains need no
 * journal at all), and nothing is synced until the end.
 *
 * A crash (or power loss) in between may leave a file that is torn or half-updated, and SQLite could not
 * tell. That is acceptable only because read models are disposable (the log is the truth, and the runner
 * rebuilds them from it) AND the damage is detectable: before the first write a marker `FILE.rebuilding` is
 * created and made durable (the file and its directory synced); only after the whole database has been
 * synced is it removed. Whoever opens a read-model database and finds the marker
 * (`discardInterruptedRebuild`) deletes the database and starts empty, and the runner rebuilds it.
 *
 * While the rebuild runs the connection holds SQLite's EXCLUSIVE lock on the file (locking_mode = EXCLUSIVE),
 * from before the marker exists until after it is gone: so a live rebuild is told from a dead one by trying
 * that lock, and no other process reads the half-built file or deletes it from under its writer. Another
 * process opening the read models meanwhile is refused (`RebuildInProgressError`) rather than kept waiting
 * for minutes.
 *
 * That lock is a POSIX record lock, which the kernel drops when the process closes ANY descriptor of the file,
 * not only SQLite's (SQLite defers closing its own; it cannot know of ours). So the syncs go through one
 * descriptor opened after the lock is taken and closed only in `finish`, once SQLite has let go of every lock
 * of its own: a descriptor closed after each background sync silently unlocked the file mid-rebuild, and
 * another process's `discardInterruptedRebuild` then deleted the live rebuild's database.
 */
export class UnjournaledRebuild {
  private finished = false;
  private syncing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    /** The file, open for syncing it until `finish` (see the class comment for why never closed sooner). */
    private readonly fd: number,
    private readonly restore: { journalMode: string; synchronous: number; busyTimeout: number },
  ) {}

  /**
   * Switches `db` (whose projections have applied nothing yet) to unjournaled writing; undefined when that is
   * not possible and the caller keeps the WAL: an in-memory database (nothing to gain), or one that another
   * connection holds open (the app's WAL checkpointer, the CLI beside the API): SQLite refuses to leave WAL
   * mode then, at once (busy timeout 0 meanwhile), and the database is left as it was.
   */
  static begin(db: Database.Database): UnjournaledRebuild | undefined {
    if (db.memory || db.inTransaction) return undefined;
    const file = path.resolve(db.name);
    const restore = {
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      busyTimeout: db.pragma('busy_timeout', { simple: true }) as number,
    };
    const revert = (): undefined => {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.pragma('locking_mode = NORMAL');
      db.pragma(`busy_timeout = ${restore.busyTimeout}`);
      db.pragma(`journal_mode = ${restore.journalMode}`); // a no-op if it never left
      return undefined;
    };
    db.pragma('busy_timeout = 0');
    let fd: number;
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory') return revert();
      // Takes the EXCLUSIVE lock and (locking_mode) keeps it. Then re-checked: a second process that opened
      // the file between the switch and the lock may have turned it back to WAL.
      db.exec('BEGIN EXCLUSIVE');
      const mode = db.pragma('journal_mode', { simple: true });
      db.exec('COMMIT');
      if (mode !== 'memory') return revert();
      writeDurably(markerOf(file), `${process.pid}\n`);
      fd = fs.openSync(file, 'r+'); // last: nothing after it can fail and leave it to be closed under the lock
    } catch {
      fs.rmSync(markerOf(file), { force: true });
      return revert();
    }
    db.pragma('synchronous = OFF');
    return new UnjournaledRebuild(db, file, fd, restore);
  }

  /**
   * After a commit: starts writing what the commits so far have written out to disk, on a thread of libuv's
   * pool (one such sync at a time, on the rebuild's descriptor), so that the sync at the end — which the rebuild
   * waits for — has less left to write (it was ~0.3 s of the 1 M-event rebuild's critical path). No promise of
   * durability, so its errors are ignored: only `finish`'s sync counts. Resolves when that sync is over
   * (the runner does not wait for it).
   */
  syncInBackground(): Promise<void> {
    if (this.finished) return Promise.resolve();
    this.syncing ??= new Promise((resolve) =>
      fs.fdatasync(this.fd, () => {
        this.syncing = undefined;
        resolve();
      }),
    );
    return this.syncing;
  }

  /**
   * After the last commit: syncs the database, removes the marker (durably), and returns to WAL with the
   * usual synchronous (the journal mode it had: WAL for read models). Call it after a failed catch-up too: what was committed is consistent, and it stays.
   * If this throws, the marker may remain and the next open discards the database: safe, merely slow (the
   * descriptor then stays open: closing it would unlock the file under the marker).
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const db = this.db;
    if (db.inTransaction) db.exec('ROLLBACK');
    fs.fsyncSync(this.fd);
    fs.rmSync(markerOf(this.file));
    fsyncPath(path.dirname(this.file), 'r');
    // The lock is released at the next access after locking_mode = NORMAL (not the switch to DELETE: the read
    // after it); the marker is gone by then, so nobody can take a durable, complete database for an
    // interrupted rebuild. DELETE first, so the header change into WAL is itself journaled on disk.
    db.pragma(`synchronous = ${this.restore.synchronous}`);
    db.pragma('locking_mode = NORMAL');
    db.pragma('journal_mode = DELETE');
    db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
    // Between transactions in DELETE mode the connection holds no lock at all: the one moment closing our
    // descriptor takes nothing from SQLite (in WAL mode it holds a shared lock for as long as it is open). A
    // background fdatasync still queued may then meet a closed or reused descriptor: an error or a harmless
    // sync of another file, ignored either way.
    fs.closeSync(this.fd);
    db.pragma(`journal_mode = ${this.restore.journalMode}`);
    db.pragma(`busy_timeout = ${this.restore.busyTimeout}`);
  }
}

/** A rebuild of `file` is running in another process: its read models are half-built and locked. */
export class RebuildInProgressError extends Error {
  override readonly name = 'RebuildInProgressError';
  constructor(readonly file: string) {
    super(`the read models in ${file} are being rebuilt by another process; try again when it has finished`);
  }
}

export function markerOf(file: string): string {
  return `${file}.rebuilding`;
}

/**
 * Before opening the read-model database `file`: if an unjournaled rebuild of it was interrupted (its marker
 * is there and no live process holds the file's lock), deletes the database, its WAL, shared-memory and
 * journal files and the marker, so it is opened empty and rebuilt. Returns true if it did. Throws
 * `RebuildInProgressError` if the rebuild is still running. The marker is looked at again while holding the
 * lock, so a rebuild that has just finished (marker removed, then the lock released) is never discarded.
 */
export function discardInterruptedRebuild(file: string): boolean {
  const marker = markerOf(file);
  if (!fs.existsSync(marker)) return false;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch {
    probe = undefined; // no database, only the marker: nothing to lock
  }
  try {
    try {
      probe?.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new RebuildInProgressError(file);
      // Otherwise unreadable (torn by the crash): nobody is using it; discard it all the same.
    }
    if (!fs.existsSync(marker)) return false;
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.rmSync(marker, { force: true });
    fsyncPath(path.dirname(file), 'r');
    return true;
  } finally {
    probe?.close();
  }
}

/** Creates `file` with `text`, synced, and syncs its directory: it exists even after a power loss. */
function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncPath(path.dirname(file), 'r');
}

function fsyncPath(p: string, flags: 'r' | 'r+'): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
