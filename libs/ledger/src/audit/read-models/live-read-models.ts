import fs from 'node:fs';
import path from 'node:path';
import { ProjectionRunner } from '@subsidy/event-store';
import type { EventStore } from '@subsidy/event-store/port/event-store.port';
import { openReadModelDb } from '../../infrastructure/read-model-db';
import { allProjections } from '../../read-models';
import type { LiveReadModels } from '../verify/verify-ledger';

/**
 * This node's read models (`readmodels.sqlite` in the data directory) with a projection runner to bring them
 * up to date, or undefined when the node has none yet: then there is nothing to compare, and `verify` does
 * not create them.
 */
export function openLiveReadModels(
  store: EventStore,
  dataDir: string,
): (LiveReadModels & { close(): void }) | undefined {
  if (!fs.existsSync(path.join(dataDir, 'readmodels.sqlite'))) return undefined;
  const db = openReadModelDb(dataDir);
  const runner = new ProjectionRunner({ store, db, projections: allProjections() });
  return {
    db,
    catchUp: async () => {
      await runner.catchUp();
    },
    close: () => db.close(),
  };
}
