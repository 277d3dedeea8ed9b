import Database from 'better-sqlite3';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { uuidv7 } from '../envelope/event-ids';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../port/event-store.port';
import { dumpToyReadModels, eventLogProjection, streamCountsProjection } from '../testing/toy-projections';
import { ProjectionFailedError, type Projection, type ProjectionLogger } from './projection';
import { ProjectionRunner, weightOf } from './projection-runner';

const events = (n: number, data: Record<string, boolean | number> = {}) =>
  Array.from({ length: n }, (_, i) => ({
    id: uuidv7(),
    type: 'Counted',
    data: { i, ...data },
    metadata: {},
  }));

/** Appends n events, spread over three streams, a few per append. */
async function appendSome(store: SqliteEventStore, n: number): Promise<bigint> {
  let position = 0n;
  for (let i = 0; i < n; i += 5) {
    ({ position } = await store.appendToStream(`s-${(i / 5) % 3}`, events(Math.min(5, n - i))));
  }
  return position;
}

function counting(p: Projection): Projection & { calls: number } {
  const wrapped = {
    ...p,
    calls: 0,
    apply: (db: Database.Database, e: RecordedEvent) => {
      wrapped.calls++;
      p.apply(db, e);
    },
  };
  return wrapped;
}

/** Throws on events whose data says poison. */
const poisonable = (): Projection => {
  const inner = eventLogProjection();
  return {
    ...inner,
    apply: (db, e) => {
      if ((e.data as { poison?: boolean }).poison) throw new Error('cannot apply this one');
      inner.apply(db, e);
    },
  };
};

const quietLogger = (): ProjectionLogger & { errors: string[] } => {
  const errors: string[] = [];
  return { errors, log: () => undefined, error: (m) => errors.push(m) };
};

describe('ProjectionRunner', () => {
  let store: SqliteEventStore;
  let db: Database.Database;
  const runners: ProjectionRunner[] = [];
  const runner = (
    projections: Projection[],
    batchSize?: number,
    logger: ProjectionLogger = quietLogger(),
  ) => {
    const r = new ProjectionRunner({ store, db, projections, batchSize, logger });
    runners.push(r);
    return r;
  };

  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    db = new Database(':memory:');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await store.close();
    db.close();
  });

  it('catchUp applies the whole log once, in batches, and leaves nothing running', async () => {
    const head = await appendSome(store, 250);
    const r = runner([eventLogProjection(), streamCountsProjection()], 40);
    expect(await r.catchUp()).toBe(head);
    expect(r.isRunning).toBe(false);
    const dump = dumpToyReadModels(db);
    expect(dump['applied']).toHaveLength(250);
    expect(dump['stream_counts']!.map((row) => (row as { events: bigint }).events)).toEqual([85n, 85n, 80n]);
  });

  it('a long catch-up builds deferrable indexes after the rows, and leaves them in place', async () => {
    await appendSome(store, 60);
    const indexed: Projection = {
      ...streamCountsProjection(),
      setup: (d) => {
        streamCountsProjection().setup(d);
        d.exec('CREATE INDEX IF NOT EXISTS stream_counts_by_last ON stream_counts (last_position)');
      },
      deferrableIndexes: ['stream_counts_by_last'],
    };
    const indexesSeen: number[] = [];
    const watcher: Projection = {
      ...eventLogProjection(),
      apply: (d, e) => {
        eventLogProjection().apply(d, e);
        indexesSeen.push(
          d
            .prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'stream_counts_by_last'")
            .pluck()
            .get() as number,
        );
      },
    };
    const r = new ProjectionRunner({ store, db, projections: [indexed, watcher], bulkCatchUp: 50 });
    runners.push(r);
    await r.catchUp();
    expect(new Set(indexesSeen)).toEqual(new Set([0])); // absent while the rows went in
    expect(
      db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'stream_counts_by_last'").pluck().get(),
    ).toBe(1);

    const head = await appendSome(store, 10); // a short catch-up keeps it
    indexesSeen.length = 0;
    expect(await r.catchUp()).toBe(head);
    expect(new Set(indexesSeen)).toEqual(new Set([1]));
  });

  it('weighs an event by the elements of its longest data array, so big events make short batches', () => {
    const e = (data: Record<string, unknown>) => ({ data }) as unknown as RecordedEvent;
    expect(weightOf(e({ a: 1, s: 'x' }))).toBe(1);
    expect(weightOf(e({ lines: [1, 2, 3], paid: [4], n: 2 }))).toBe(4);
    // A chunk's lines as columns weigh what the same lines weigh as one array of objects.
    expect(weightOf(e({ personIds: [1, 2, 3], names: [1, 2, 3], amounts: [1, 2, 3] }))).toBe(4);
  });

  it('applies an event only to the projections that handle its type, and asks a bulk catch-up for only what they read', async () => {
    const typed = (type: string, n: number) => events(n).map((e) => ({ ...e, type }));
    await store.appendToStream('s', [...typed('Counted', 3), ...typed('Other', 2), ...typed('Ignored', 4)]);
    const head = await store.headPosition();
    const seen = (name: string, reads: Projection['reads']): Projection & { types: string[] } => {
      const p = {
        name,
        version: 1,
        reads,
        types: [] as string[],
        setup: () => undefined,
        drop: () => undefined,
        apply: (_db: Database.Database, e: RecordedEvent) => p.types.push(e.type),
      };
      return p;
    };
    const asked: Array<ReadAllOptions | undefined> = [];
    const spying: EventStore = {
      kind: store.kind,
      appendToStream: (...a) => store.appendToStream(...a),
      readStream: (...a) => store.readStream(...a),
      readAll: (o) => (asked.push(o), store.readAll(o)),
      subscribeToAll: (o) => store.subscribeToAll(o),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
    };
    const counted = seen('counted', {
      Counted: { data: ['i'], metadata: ['recordedAt'] },
      Other: { data: ['i'], metadata: [] },
    });
    const other = seen('other', { Other: { data: '*', metadata: ['n'] } });
    const bulk = { store: spying, db, batchSize: 4, bulkCatchUp: 1 };
    expect(await new ProjectionRunner({ ...bulk, projections: [counted, other] }).catchUp()).toBe(head);
    expect(counted.types).toEqual(['Counted', 'Counted', 'Counted', 'Other', 'Other']);
    expect(other.types).toEqual(['Other', 'Other']);
    expect(asked[0]?.fields).toEqual({
      Counted: { data: ['i'], metadata: ['recordedAt'] },
      Other: { data: '*', metadata: ['n'] },
    });
    // Every checkpoint is at the head, though no projection handles the last events.
    const positions = db
      .prepare('SELECT position FROM projection_checkpoints')
      .pluck()
      .safeIntegers(true)
      .all();
    expect(positions).toEqual([head, head]);

    // One projection that does not say what it reads gets every event, and the store is asked for all.
    const everything = counting(eventLogProjection());
    const asWell = seen('as-well', { Other: { data: ['i'], metadata: [] } });
    const second = new Database(':memory:');
    await new ProjectionRunner({ ...bulk, db: second, projections: [everything, asWell] }).catchUp();
    second.close();
    expect([everything.calls, asWell.types.length]).toEqual([9, 2]);
    expect(asked[1]?.fields).toBeUndefined();
  });

  it('start() catches up before it returns, then follows the log; rebuilding gives the same tables as live', async () => {
    await appendSome(store, 100);
    const r = runner([eventLogProjection(), streamCountsProjection()], 16);
    await r.start();
    expect(r.position).toBe(await store.headPosition());

    const head = await appendSome(store, 150);
    expect(await r.waitForPosition(head, 10_000)).toBe(true);
    const live = dumpToyReadModels(db);
    expect(live['applied']).toHaveLength(250);

    await r.rebuild();
    expect(r.position).toBe(head);
    expect(dumpToyReadModels(db)).toEqual(live);

    const elsewhere = new Database(':memory:');
    await new ProjectionRunner({
      store,
      db: elsewhere,
      projections: [eventLogProjection(), streamCountsProjection()],
    }).catchUp();
    expect(dumpToyReadModels(elsewhere)).toEqual(live);
    elsewhere.close();
  });

  it('rebuilding one projection replays into it alone', async () => {
    await appendSome(store, 50);
    const log = counting(eventLogProjection());
    const counts = counting(streamCountsProjection());
    const r = runner([log, counts]);
    await r.catchUp();
    const before = dumpToyReadModels(db);

    await r.rebuild(['stream-counts']);
    expect([log.calls, counts.calls]).toEqual([50, 100]);
    expect(dumpToyReadModels(db)).toEqual(before);
  });

  it('drops and rebuilds a projection whose version changed, and only that one', async () => {
    await appendSome(store, 30);
    await runner([eventLogProjection(), streamCountsProjection(1)]).catchUp();
    const before = dumpToyReadModels(db);

    const log = counting(eventLogProjection());
    const counts = counting(streamCountsProjection(2));
    await runner([log, counts]).catchUp();
    expect([log.calls, counts.calls]).toEqual([0, 30]);
    expect(dumpToyReadModels(db)).toEqual(before);
    expect(
      db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'stream-counts'").pluck().get(),
    ).toBe(2);
  });

  it('stops loudly at an event it cannot apply: the batch rolls back with its checkpoint, nothing is skipped', async () => {
    await store.appendToStream('s', events(30));
    await store.appendToStream('s', events(1, { poison: true }));
    const head = (await store.appendToStream('s', events(9))).position;
    const logger = quietLogger();
    const r = runner([poisonable(), streamCountsProjection()], 10, logger);

    const failure = await r.catchUp().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ProjectionFailedError);
    expect(failure).toMatchObject({
      projection: 'event-log',
      event: { position: 31n, streamId: 's', revision: 30n },
    });
    expect(logger.errors.join()).toMatch(/event-log/);
    expect(r.position).toBe(30n);
    expect(dumpToyReadModels(db)['applied']).toHaveLength(30);
    await expect(r.waitForPosition(head, 1_000)).rejects.toBe(failure);

    // Fixed (the poison is now understood), it resumes where the last batch committed.
    await runner([eventLogProjection(), streamCountsProjection()], 10).catchUp();
    const applied = dumpToyReadModels(db)['applied'] as { position: bigint }[];
    expect(applied.map((a) => a.position)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(i + 1)));
  });

  it('a bulk catch-up commits every few batches, and announces a position only once it is committed', async () => {
    const head = await appendSome(store, 100);
    const seen: bigint[] = [];
    const watcher = eventLogProjection(() => seen.push(r.position));
    const r: ProjectionRunner = new ProjectionRunner({
      store,
      db,
      projections: [watcher, streamCountsProjection()],
      batchSize: 10,
      bulkCatchUp: 1,
      bulkBatchesPerCommit: 3,
      logger: quietLogger(),
    });
    runners.push(r);
    const woken: bigint[] = [];
    const waiting = r.waitForPosition(20n, 10_000).then((reached) => reached && woken.push(r.position));
    expect(await r.catchUp()).toBe(head);
    await waiting;
    // Seen from inside the applies: only the commits' positions (3 batches of 10 each), never a batch's own.
    expect([...new Set(seen)]).toEqual([0n, 30n, 60n, 90n]);
    expect(woken).toEqual([30n]); // 20 was applied in the second batch, and announced by the third's commit
    expect(dumpToyReadModels(db)['applied']).toHaveLength(100);
  });

  it('a failing bulk catch-up rolls back every uncommitted batch with its checkpoints, and resumes after the last commit', async () => {
    await store.appendToStream('s', events(55));
    await store.appendToStream('s', events(1, { poison: true }));
    const head = (await store.appendToStream('s', events(24))).position;
    const bulk = { batchSize: 10, bulkCatchUp: 1, bulkBatchesPerCommit: 3 };
    const r = new ProjectionRunner({
      store,
      db,
      projections: [poisonable(), streamCountsProjection()],
      ...bulk,
      logger: quietLogger(),
    });
    runners.push(r);
    const failure = await r.catchUp().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ProjectionFailedError);
    expect(failure).toMatchObject({ projection: 'event-log', event: { position: 56n } });
    // Committed at 30; 31–55 (applied in batches 4–6, the open transaction) rolled back with their checkpoints.
    expect(r.position).toBe(30n);
    expect(dumpToyReadModels(db)['applied']).toHaveLength(30);
    expect(
      db
        .prepare('SELECT position FROM projection_checkpoints ORDER BY name')
        .pluck()
        .safeIntegers(true)
        .all(),
    ).toEqual([30n, 30n]);
    expect(db.inTransaction).toBe(false);
    await expect(r.waitForPosition(head, 1_000)).rejects.toBe(failure);

    const fixed = new ProjectionRunner({
      store,
      db,
      projections: [eventLogProjection(), streamCountsProjection()],
      ...bulk,
    });
    runners.push(fixed);
    expect(await fixed.catchUp()).toBe(head);
    const applied = dumpToyReadModels(db)['applied'] as { position: bigint }[];
    expect(applied.map((a) => a.position)).toEqual(Array.from({ length: 80 }, (_, i) => BigInt(i + 1)));
    expect(dumpToyReadModels(db)['stream_counts']).toEqual([
      { stream_id: 's', events: 80n, last_position: 80n },
    ]);
  });

  it('a failure while following live rejects those waiting and stops the runner', async () => {
    const r = runner([poisonable()], 10);
    await r.start();
    const good = (await store.appendToStream('s', events(5))).position;
    expect(await r.waitForPosition(good, 10_000)).toBe(true);
    const head = (await store.appendToStream('s', events(1, { poison: true }))).position;
    await expect(r.waitForPosition(head, 10_000)).rejects.toBeInstanceOf(ProjectionFailedError);
    expect(r.error).toBeInstanceOf(ProjectionFailedError);
    expect(r.isRunning).toBe(false);
    expect(r.position).toBe(good);
  });

  it('waitForPosition answers false when the position is not reached in time, true as soon as it is', async () => {
    const r = runner([eventLogProjection()]);
    await r.start();
    expect(await r.waitForPosition(1n, 20)).toBe(false);
    const reached = r.waitForPosition(3n, 10_000);
    await store.appendToStream('s', events(3));
    expect(await reached).toBe(true);
    expect(await r.waitForPosition(2n, 0)).toBe(true);
  });
});
