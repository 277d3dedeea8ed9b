import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('SubsidyLedger').log(
    `serving on http://${config.host}:${config.port} (store: ${config.store}, data: ${config.dataDir}); docs at /docs`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
