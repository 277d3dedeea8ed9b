/**
 * A program whose last step is awaiting close(), then printing: `run-ts.js close-then-print.ts FILE` appends
 * enough to start the background checkpointer, closes the store and prints "closed" (the spec reads it).
 */
import { SqliteEventStore } from '../sqlite-event-store';
import { uuidv7 } from '../../envelope/event-ids';

async function main(): Promise<void> {
  const store = new SqliteEventStore({ file: process.argv[2]!, checkpointEveryBytes: 1024 });
  const events = Array.from({ length: 20 }, (_, n) => ({
    id: uuidv7(),
    type: 'Noted',
    data: { n, text: 'x'.repeat(200) },
    metadata: {},
  }));
  await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
  await store.close();
  process.stdout.write('closed\n');
}

void main();
