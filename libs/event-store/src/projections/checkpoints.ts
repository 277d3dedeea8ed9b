import type Database from 'better-sqlite3';

/** Where each projection stands in `$all`, committed in the same transaction as its rows. */
export class Checkpoints {
  private readonly read: Database.Statement<[string], { version: number; position: bigint }>;
  private readonly write: Database.Statement<[string, number, bigint]>;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL)`);
    this.read = db
      .prepare<[string], { version: number; position: bigint }>(
        'SELECT version, position FROM projection_checkpoints WHERE name = ?',
      )
      .safeIntegers(true) as never;
    this.write = db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    );
  }

  get(name: string): { version: number; position: bigint } | undefined {
    const row = this.read.get(name);
    return row && { version: Number(row.version), position: BigInt(row.position) };
  }

  set(name: string, version: number, position: bigint): void {
    this.write.run(name, version, position);
  }
}
