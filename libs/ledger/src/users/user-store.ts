import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isRole, type Role, type User } from './role';

/**
 * Users and their API tokens, in `users.sqlite` in the data directory. A token is shown once, when created;
 * only its SHA-256 is stored (tokens are 256 random bits, so a plain hash resists guessing; no salt needed).
 * The CLI and a running server may open the file at once: WAL + busy timeout, and a token not seen before is
 * looked up in the file, so a user added by the CLI can act at once.
 */
export class UserStore {
  private readonly db: Database.Database;
  private readonly byHash: Database.Statement<[string], { name: string; roles: string }>;
  /**
   * Users found by token hash. Users are only ever added (no removal or role change exists), so a user found
   * once stays right; an unknown token is looked up in the file every time, so a user added by the CLI to a
   * running server can act at once.
   */
  private readonly found = new Map<string, User>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'users.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS users (
      name TEXT PRIMARY KEY,
      roles TEXT NOT NULL,
      token_sha256 TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    )`);
    this.byHash = this.db.prepare('SELECT name, roles FROM users WHERE token_sha256 = ?');
  }

  /** Creates a user; returns the token, which is never stored in clear. */
  add(name: string, roles: Role[], now: Date = new Date()): { name: string; roles: Role[]; token: string } {
    if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) {
      throw new UserError('name: 1–64 letters, digits, ".", "_", "@" or "-"');
    }
    const unique = [...new Set(roles)];
    if (unique.length === 0) throw new UserError('at least one --role is needed');
    const bad = unique.filter((r) => !isRole(r));
    if (bad.length > 0) throw new UserError(`unknown role: ${bad.join(', ')}`);
    const token = randomBytes(32).toString('base64url');
    try {
      this.db
        .prepare('INSERT INTO users (name, roles, token_sha256, created_at) VALUES (?, ?, ?, ?)')
        .run(name, JSON.stringify(unique), sha256(token), now.toISOString());
    } catch (e) {
      if (e instanceof Error && /UNIQUE constraint failed: users.name/.test(e.message)) {
        throw new UserError(`user "${name}" already exists`);
      }
      throw e;
    }
    return { name, roles: unique, token };
  }

  findByToken(token: string): User | undefined {
    const hash = sha256(token);
    const known = this.found.get(hash);
    if (known !== undefined) return known;
    const row = this.byHash.get(hash);
    if (!row) return undefined;
    const user: User = { name: row.name, roles: (JSON.parse(row.roles) as unknown[]).filter(isRole) };
    if (this.found.size >= 10_000) this.found.clear();
    this.found.set(hash, user);
    return user;
  }

  close(): void {
    this.db.close();
  }
}

export class UserError extends Error {
  override readonly name = 'UserError';
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
