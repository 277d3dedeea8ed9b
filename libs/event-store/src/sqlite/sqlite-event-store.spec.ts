import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { AppendTooLargeError, DuplicateEventIdError } from '../port/errors';
import { MAX_APPEND_BYTES } from '../port/limits';
import type { EventData, RecordedEvent } from '../port/event-store.port';
import { uuidv7 } from '../envelope/event-ids';
import { spawnTs } from '../testing/spawn-ts';

const event = (data: EventData['data'] = {}, metadata: EventData['metadata'] = {}): EventData => ({
  id: uuidv7(),
  type: 'Noted',
  data,
  metadata,
});

async function first(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent> {
  for await (const e of iterable) return e;
  throw new Error('nothing delivered');
}

describe('SqliteEventStore (what only the embedded adapter promises)', () => {
  let dir: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const store = (options: { pollIntervalMs?: number } = {}) => {
    const s = new SqliteEventStore({ file, ...options });
    open.push(s);
    return s;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-sqlite-'));
    file = path.join(dir, 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the log in a WAL-mode file it names, and the log survives reopening', async () => {
    const a = store();
    expect(a.databaseFile).toBe(path.resolve(file));
    const { position } = await a.appendToStream('s', [event({ n: 1 })]);
    await a.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const b = store();
    expect(await b.headPosition()).toBe(position);
    const next = await b.appendToStream('s', [event({ n: 2 })], { expectedRevision: 0n });
    expect(next.position).toBeGreaterThan(position);
  });

  it('draws the 1 MiB line exactly: 1,048,576 bytes of data and metadata pass, one more does not', async () => {
    const s = store();
    // JSON: "…" adds 2 bytes to the string; metadata {} is 2 bytes.
    const fits = event('x'.repeat(MAX_APPEND_BYTES - 4), {});
    await expect(s.appendToStream('fits', [fits])).resolves.toMatchObject({ nextExpectedRevision: 0n });
    const over = event('x'.repeat(MAX_APPEND_BYTES - 3), {});
    await expect(s.appendToStream('over', [over])).rejects.toMatchObject({
      constructor: AppendTooLargeError,
      bytes: MAX_APPEND_BYTES + 1,
    });
  });

  it('says whether an append wrote: a re-send answers the first result and writes nothing', async () => {
    const s = store();
    const batch = [event(), event()];
    const wrote = await s.appendToStream('r', batch, { expectedRevision: 'no_stream' });
    const again = await s.appendToStream('r', batch, { expectedRevision: 'no_stream' });
    expect(wrote.written).toBe(true);
    expect(again).toEqual({ ...wrote, written: false });
  });

  it('refuses an event id already used elsewhere, but treats an "any" re-send of the same events as one', async () => {
    const s = store();
    const batch = [event(), event()];
    const wrote = await s.appendToStream('a', batch);
    await expect(s.appendToStream('b', [batch[0]!])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(s.appendToStream('a', batch)).resolves.toEqual({ ...wrote, written: false });
    expect(await s.headPosition()).toBe(wrote.position);
  });

  it('wakes a waiting subscription at once for an append through another store on the same file', async () => {
    // A poll this slow would time the test out: the wake-up must come from the in-process notification.
    const reader = store({ pollIntervalMs: 600_000 });
    const writer = store({ pollIntervalMs: 600_000 });
    const sub = reader.subscribeToAll({ fromPosition: await reader.headPosition() });
    const next = first(sub);
    const e = event({ from: 'writer' });
    await writer.appendToStream('w', [e]);
    expect((await next).id).toBe(e.id);
    await sub.unsubscribe();
  }, 10_000);

  it('wakes a waiting subscription for appends by another process (the CLI next to the API)', async () => {
    const reader = store({ pollIntervalMs: 20 });
    await reader.appendToStream('here', [event()]);
    const sub = reader.subscribeToAll({ fromPosition: await reader.headPosition() });
    const received: RecordedEvent[] = [];
    const consuming = (async () => {
      for await (const e of sub) {
        received.push(e);
        if (received.length === 3) break;
      }
    })();
    await spawnTs('libs/event-store/src/testing/fixtures/append-events.ts', [
      file,
      'elsewhere',
      '3',
    ]).succeeded();
    await consuming;
    expect(received.map((e) => [e.streamId, e.revision, e.type])).toEqual([
      ['elsewhere', 0n, 'AppendedElsewhere'],
      ['elsewhere', 1n, 'AppendedElsewhere'],
      ['elsewhere', 2n, 'AppendedElsewhere'],
    ]);
  }, 30_000);

  it('pages a long history to a subscriber without skipping or repeating at page edges', async () => {
    const s = store();
    for (let i = 0; i < 3; i++)
      await s.appendToStream(
        `p-${i}`,
        Array.from({ length: 700 }, () => event()),
      );
    const positions: bigint[] = [];
    for await (const e of s.subscribeToAll()) {
      positions.push(e.position);
      if (positions.length === 2100) break;
    }
    expect(positions).toEqual(Array.from({ length: 2100 }, (_, i) => BigInt(i + 1)));
  });

  it('reads big events in pages bounded by size, still every event once, in order, both ways', async () => {
    const s = store();
    const big = 'x'.repeat(900 * 1024); // six of them are more than one page holds
    for (let i = 0; i < 6; i++) await s.appendToStream('big', [event({ i, big })]);
    await s.appendToStream('small', [event({ i: 6 }), event({ i: 7 })]);
    const read = async (options: Parameters<SqliteEventStore['readAll']>[0]) => {
      const seen: number[] = [];
      for await (const e of s.readAll(options)) seen.push((e.data as { i: number }).i);
      return seen;
    };
    expect(await read({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await read({ direction: 'backwards' })).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await read({ fromPosition: 2n, maxCount: 5 })).toEqual([2, 3, 4, 5, 6]);
  });

  it('reads ahead on another thread the same events, in order, with only the metadata keys asked for', async () => {
    const s = store();
    const big = 'x'.repeat(300 * 1024); // a few to a page: the thread runs ahead across several pages
    for (let i = 0; i < 12; i++) {
      await s.appendToStream(`s-${i % 3}`, [
        event({ i, big }, { recordedAt: `2024-01-0${(i % 9) + 1}`, actor: 'a', n: i }),
        ...Array.from({ length: 300 }, (_, j) => event({ i, j, 名: '张三' }, { actor: 'b' })),
      ]);
    }
    const all = async (options: Parameters<SqliteEventStore['readAll']>[0]) => {
      const seen: RecordedEvent[] = [];
      for await (const e of s.readAll(options)) seen.push(e);
      return seen;
    };
    const plain = await all({ fromPosition: 5n });
    expect(await all({ fromPosition: 5n, readAhead: true })).toEqual(plain);
    const picked = await all({
      fromPosition: 5n,
      readAhead: true,
      metadataKeys: ['recordedAt', 'n', 'none'],
    });
    expect(picked).toEqual(
      plain.map((e) => {
        const { recordedAt, n } = e.metadata;
        return {
          ...e,
          metadata: {
            ...(recordedAt === undefined ? {} : { recordedAt }),
            ...(n === undefined ? {} : { n }),
          },
        };
      }),
    );
    expect(plain).toHaveLength(12 * 301 - 5);

    // Leaving early stops the thread; reading again starts over.
    const early = s.readAll({ readAhead: true })[Symbol.asyncIterator]();
    for (let i = 0; i < 700; i++)
      expect((await early.next()).value).toEqual(plain[i - 5] ?? expect.anything());
    await early.return(undefined);
    expect(await all({ fromPosition: plain[plain.length - 2]!.position, readAhead: true })).toEqual(
      plain.slice(-1),
    );
  });

  it('reads ahead only the fields asked for, by type, across pages: every position, in order', async () => {
    const s = store();
    const big = 'x'.repeat(200 * 1024); // a few to a page
    const typed = (type: string, data: EventData['data'], metadata: EventData['metadata']): EventData => ({
      ...event(data, metadata),
      type,
    });
    for (let i = 0; i < 6; i++) {
      await s.appendToStream(`s-${i % 2}`, [
        typed('Big', { i, big }, { recordedAt: `t${i}` }),
        ...Array.from({ length: 400 }, (_, j) =>
          j % 50 === 7
            ? typed('Odd', j % 100 === 7 ? ['not', 'an', 'object'] : 'text', { recordedAt: 't' })
            : typed(
                j % 3 === 0 ? 'Skipped' : 'Kept',
                // `n` a number, `tier` a repeated string, `name` distinct, `maybe` only on some, `nested` whole
                {
                  n: j,
                  tier: j % 2 === 0 ? 'a' : 'b',
                  name: `张${i}-${j}`,
                  nested: { j: [j] },
                  ...(j % 4 === 0 && { maybe: null }),
                  unread: 'u',
                },
                { recordedAt: `r${j}`, actor: 'a', n: j },
              ),
        ),
      ]);
    }
    const all = async (options: Parameters<SqliteEventStore['readAll']>[0]) => {
      const seen: RecordedEvent[] = [];
      for await (const e of s.readAll(options)) seen.push(e);
      return seen;
    };
    const plain = await all({ fromPosition: 3n });
    const fields = {
      Kept: { data: ['n', 'tier', 'name', 'maybe', 'nested', 'absent'], metadata: ['recordedAt', 'n'] },
      Odd: { data: ['n'], metadata: [] },
      Big: { data: '*', metadata: [] },
    } as const;
    const slim = await all({ fromPosition: 3n, readAhead: true, fields });
    const pick = (o: object, keys: readonly string[]) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
    expect(slim).toEqual(
      plain.map((e) => ({
        position: e.position,
        type: e.type,
        recordedAt: e.recordedAt,
        id: '',
        streamId: '',
        revision: -1n,
        data:
          e.type === 'Big' || e.type === 'Odd'
            ? e.data
            : e.type === 'Kept'
              ? pick(e.data as object, fields.Kept.data)
              : {},
        metadata: e.type === 'Kept' ? pick(e.metadata, fields.Kept.metadata) : {},
      })),
    );
    expect(plain).toHaveLength(6 * 401 - 3);
    expect(new Set(slim.map((e) => e.type))).toEqual(new Set(['Big', 'Kept', 'Odd', 'Skipped']));
  });

  it('reading ahead still yields what is appended while it reads', async () => {
    const s = store();
    for (let i = 0; i < 5; i++)
      await s.appendToStream(
        'before',
        Array.from({ length: 500 }, () => event({ i })),
      );
    const seen: bigint[] = [];
    for await (const e of s.readAll({ readAhead: true })) {
      seen.push(e.position);
      if (seen.length === 10) await s.appendToStream('during', [event(), event()]);
    }
    expect(seen).toEqual(Array.from({ length: 2502 }, (_, i) => BigInt(i + 1)));
  });

  it('ends subscriptions when it closes', async () => {
    const s = store();
    const sub = s.subscribeToAll();
    const next = sub[Symbol.asyncIterator]().next();
    await s.close();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('commits concurrent appends as one group, each judged on its own: a refused one does not undo the others', async () => {
    const s = store();
    await s.appendToStream('group-0', [event()], { expectedRevision: 'no_stream' });
    const appends = Array.from({ length: 50 }, (_, i) =>
      i === 25
        ? s.appendToStream('group-0', [event()], { expectedRevision: 5n }) // wrong: the stream is at 0
        : s.appendToStream(`group-${i + 1}`, [event({ i })], { expectedRevision: 'no_stream' }),
    );
    const settled = await Promise.allSettled(appends);
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(settled[25]).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedRevisionError' } });
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    db.close();
    expect(rows.n).toBe(50);
  });

  it('orders appends to one stream within a group as they arrived, each against the one before', async () => {
    const s = store();
    const [a, b, c] = await Promise.allSettled([
      s.appendToStream('ordered', [event()], { expectedRevision: 'no_stream' }),
      s.appendToStream('ordered', [event()], { expectedRevision: 0n }),
      s.appendToStream('ordered', [event()], { expectedRevision: 0n }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    expect(c).toMatchObject({
      status: 'rejected',
      reason: { name: 'WrongExpectedRevisionError', actualRevision: 1n },
    });
  });

  it('names the id already in the log, however deep in a large append, and writes none of that append', async () => {
    const s = store();
    const taken = event();
    const other = await s.appendToStream('a', [taken]);
    const batch = Array.from({ length: 150 }, () => event());
    batch[97] = taken;
    await expect(s.appendToStream('b', batch)).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
      eventId: taken.id,
    });
    const twice = Array.from({ length: 150 }, () => event());
    twice[120] = twice[3]!;
    await expect(s.appendToStream('c', twice)).rejects.toMatchObject({ eventId: twice[3]!.id });
    expect(await s.headPosition()).toBe(other.position);
    const written = await s.appendToStream('b', batch.slice(98));
    expect(written).toMatchObject({ nextExpectedRevision: 51n, written: true });
  });
});
