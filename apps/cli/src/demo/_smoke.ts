import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { LedgerModule } from '@subsidy/ledger/ledger.module';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { RegisterBeneficiaryCommand } from '@subsidy/ledger/registry/commands/registry.commands';
import { makeIdNumber } from '@subsidy/domain/registry/id-number';
import { makeCertificateNumber } from '@subsidy/domain/registry/certificate';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
async function main() {
  const dir = fs.mkdtempSync(path.join(process.env.SMOKE_TMP ?? os.tmpdir(), 'smoke-'));
  const { openReadModelDb } = await import('@subsidy/ledger/infrastructure/read-model-db');
  const { allProjections } = await import('@subsidy/ledger/read-models');
  const { ProjectionRunner, createEventStore } = await import('@subsidy/event-store');
  { const db = openReadModelDb(dir); const store = createEventStore({ kind: 'sqlite', dataDir: dir }); await new ProjectionRunner({ store, db, projections: allProjections() }).catchUp(); await store.close(); db.close(); }
  const t0 = Date.now();
  const app = await NestFactory.createApplicationContext(LedgerModule.forRoot(loadConfig({}, { dataDir: dir })), { logger: false, abortOnError: false });
  console.log('boot', Date.now() - t0);
  const bus = app.get(CommandBus);
  const N = Number(process.argv[2] ?? 2000); const conc = Number(process.argv[3] ?? 16);
  let next = 0; const t1 = Date.now();
  const worker = async () => { while (next < N) { const i = next++;
    const id = makeIdNumber('341524', `19${String(50 + (i % 40)).padStart(2,'0')}-0${1 + (i%9)}-1${i%9}`, Math.floor(i / 360));
    await bus.execute(new RegisterBeneficiaryCommand({ actor: 'clerk-li', correlationId: 'c', causationId: 'c' }, { certificateNumber: makeCertificateNumber(id, 'physical', 2), name: '汪某', township: '梅山镇', bankAccount: '6228480012345678901' }));
  } };
  await Promise.all(Array.from({ length: conc }, worker));
  console.log('registered', N, 'in', Date.now() - t1, 'ms');
  const t2 = Date.now();
  await app.close();
  console.log('close', Date.now() - t2, dir);
}
main().catch((e) => { process.stderr.write("FAIL " + String(e?.stack ?? e) + "\n"); process.exit(1); });
