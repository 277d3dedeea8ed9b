import { uuidv7 } from '../envelope/event-ids';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/** A log of `events` (a multiple of 100) `Counted` events over seven streams, a hundred an append, in `file`. */
export async function seedCountedLog(file: string, events: number): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file });
  for (let i = 0; i < events / 100; i++) {
    const batch = Array.from({ length: 100 }, (_, j) => ({
      id: uuidv7(),
      type: 'Counted',
      data: { j },
      metadata: {},
    }));
    await store.appendToStream(`stream-${i % 7}`, batch);
  }
  return store;
}
