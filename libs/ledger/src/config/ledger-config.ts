import path from 'node:path';

/** Everything the outside contract lets an operator set, read once from the environment. */
export interface LedgerConfig {
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite' | 'eventstoredb';
  eventStoreConnectionString?: string;
  /** How long a read waits for read models to reach the last acknowledged write before 503. */
  readWaitMs: number;
  /** Injected in tests to record events at a controlled time; the wall clock otherwise. */
  clock: () => Date;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<LedgerConfig> = {}): LedgerConfig {
  const store = (env.LEDGER_STORE ?? 'sqlite').toLowerCase();
  if (store !== 'sqlite' && store !== 'eventstoredb') {
    throw new Error(`LEDGER_STORE must be "sqlite" or "eventstoredb", not "${store}"`);
  }
  if (store === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING && !overrides.eventStoreConnectionString) {
    throw new Error('LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.LEDGER_DATA_DIR ?? './data'),
    store,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
    readWaitMs: Number.parseInt(env.LEDGER_READ_WAIT_MS ?? '5000', 10),
    clock: () => new Date(),
    ...overrides,
  };
}
