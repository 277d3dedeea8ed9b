import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { HashChainedEventStore, SqliteEventStore } from '@subsidy/event-store';
import { runEventStoreContract } from './event-store.contract';
import { useTempDir } from './support/temp-dir';

const dir = useTempDir();
const freshFile = () => path.join(dir(), `${randomUUID()}.sqlite`);

runEventStoreContract('SQLite (file)', (clock) => new SqliteEventStore({ file: freshFile(), clock }), {
  honoursClock: true,
  exclusiveLog: true,
});

runEventStoreContract('SQLite (:memory:)', (clock) => new SqliteEventStore({ file: ':memory:', clock }), {
  honoursClock: true,
  exclusiveLog: true,
});

runEventStoreContract(
  'hash-chained SQLite (file)',
  (clock) => new HashChainedEventStore(new SqliteEventStore({ file: freshFile(), clock })),
  { honoursClock: true, exclusiveLog: true, chained: true },
);
