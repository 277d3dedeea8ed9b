import type { INestApplication } from '@nestjs/common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../apps/api/src/bootstrap';
import { loadConfig, type LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { UserStore } from '@subsidy/ledger/users/user-store';
import type { Role } from '@subsidy/ledger/users/role';

/** A controllable clock: tests move time forward explicitly (no sleeping). */
export class TestClock {
  constructor(private current = new Date('2024-03-01T02:00:00Z')) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataDir: string;
  clock: TestClock;
  tokens: Record<string, string>;
  /** Adds a user with the CLI's store (as `npm run cli -- user add` does) and returns the token. */
  addUser(name: string, roles: Role[]): string;
  close(): Promise<void>;
}

/**
 * A fresh data directory, users for every role, and the real HTTP app over the embedded store. `overrides`
 * set other configuration, e.g. a short `readWaitMs` to see the 503 without waiting long.
 */
export async function startTestApp(
  overrides: Partial<Pick<LedgerConfig, 'readWaitMs'>> = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  const clock = new TestClock();
  const config = loadConfig(
    { LEDGER_DATA_DIR: dataDir },
    { clock: clock.now, readWaitMs: 5000, ...overrides },
  );
  const users = new UserStore(dataDir);
  const addUser = (name: string, roles: Role[]): string => users.add(name, roles).token;
  const tokens: Record<string, string> = {
    clerk: addUser('clerk-li', ['clerk']),
    clerk2: addUser('clerk-wang', ['clerk']),
    approver: addUser('approver-zhao', ['approver']),
    approver2: addUser('approver-sun', ['approver']),
    makerChecker: addUser('chen-both', ['clerk', 'approver']),
    admin: addUser('finance-zhou', ['finance-admin']),
    auditor: addUser('auditor-wu', ['auditor']),
  };
  const app = await createApp(config, { logger: false });
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  return {
    app,
    http: request(server),
    dataDir,
    clock,
    tokens,
    addUser,
    async close() {
      await app.close();
      users.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });
