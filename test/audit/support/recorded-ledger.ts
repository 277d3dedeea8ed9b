/**
 * Test support for the audit commands: a real data directory whose log was appended through the hash-chained
 * SQLite store (events shaped as the read-model fixtures shape them, each recorded at its own time), live read
 * models fed by the projection runner, and direct access to the stored rows for tampering.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createEventStore,
  deterministicUuid,
  ProjectionRunner,
  type RecordedEvent,
} from '@subsidy/event-store';
import { loadConfig, type LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { openReadModelDb } from '@subsidy/ledger/infrastructure/read-model-db';
import { allProjections } from '@subsidy/ledger/read-models';
import { runReplay } from '../../../apps/cli/src/commands/replay.command';
import { runSeal } from '../../../apps/cli/src/commands/seal.command';
import { runVerify } from '../../../apps/cli/src/commands/verify.command';

export interface StoredRow {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

export class RecordedLedger {
  readonly dataDir: string;
  /** What the store's clock says: set to each fixture event's recordedAt as it is appended. */
  now = new Date('2024-03-01T00:00:00Z');
  readonly config: LedgerConfig;

  constructor(from?: RecordedLedger) {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-audit-'));
    // A copy of a recorded ledger: appending a few hundred events with fsyncs is slower than copying them.
    if (from) fs.cpSync(from.dataDir, this.dataDir, { recursive: true });
    this.config = loadConfig({ LEDGER_DATA_DIR: this.dataDir }, { clock: () => this.now });
  }

  /** Appends fixture events in order, each to its stream at its revision, at its own recorded time. */
  async record(events: readonly RecordedEvent[]): Promise<void> {
    const store = createEventStore({ kind: 'sqlite', dataDir: this.dataDir, clock: () => this.now });
    try {
      for (const e of events) {
        this.now = new Date(String(e.metadata['recordedAt']));
        await store.appendToStream(
          e.streamId,
          [{ id: deterministicUuid('fixture', e.id), type: e.type, data: e.data, metadata: e.metadata }],
          { expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n },
        );
      }
    } finally {
      await store.close();
    }
  }

  /** What a running server does: the projection runner brings readmodels.sqlite up to the log's head. */
  async project(): Promise<void> {
    const store = createEventStore({ kind: 'sqlite', dataDir: this.dataDir });
    const db = openReadModelDb(this.dataDir);
    try {
      await new ProjectionRunner({ store, db, projections: allProjections() }).catchUp();
    } finally {
      db.close();
      await store.close();
    }
  }

  /** Reads the live read models (as a GET would). */
  readModels<T>(read: (db: Database.Database) => T): T {
    const db = openReadModelDb(this.dataDir);
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  /** An administrator with write access, straight on the log's file. */
  tamper(change: (db: Database.Database) => void): void {
    const db = new Database(path.join(this.dataDir, 'events.sqlite'));
    try {
      change(db);
    } finally {
      db.close();
    }
  }

  rows(where = '1 = 1', ...params: unknown[]): StoredRow[] {
    const db = new Database(path.join(this.dataDir, 'events.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT position, id, stream_id, revision, type, data, metadata FROM events WHERE ${where} ORDER BY position`,
        )
        .all(...params) as StoredRow[];
    } finally {
      db.close();
    }
  }

  async verify(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await runVerify(args, this.config, (t) => (out += t));
    return { code, out };
  }

  async seal(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runSeal(args, this.config, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  async replay(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await runReplay(args, this.config, (t) => (out += t));
    return { code, out };
  }

  remove(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The row as the verdict line names it: `position P, stream S, revision R, TYPE`. */
export const named = (row: Pick<StoredRow, 'position' | 'stream_id' | 'revision' | 'type'>): string =>
  `position ${row.position}, stream ${row.stream_id}, revision ${row.revision}, ${row.type}`;

/** One byte of `text` changed (a digit to another digit, else a letter): still valid JSON, different content. */
export function changeOneByte(text: string, after = 0): string {
  for (let i = after; i < text.length; i++) {
    const c = text[i]!;
    if (c >= '0' && c <= '9') return text.slice(0, i) + String((Number(c) + 1) % 10) + text.slice(i + 1);
  }
  throw new Error('no digit to change');
}
