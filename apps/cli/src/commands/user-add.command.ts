import { parseArgs } from 'node:util';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { UserStore, UserError } from '@subsidy/ledger/users/user-store';
import type { Role } from '@subsidy/ledger/users/role';
import type { CliCommand } from './cli-command';

/** `user add NAME --role ROLE [--role ROLE…]`: prints `{"name","roles","token"}` once; only a hash is kept. */
export const userAddCommand: CliCommand = {
  name: 'user add',
  usage: 'user add NAME --role ROLE [--role ROLE…]   (roles: clerk, approver, finance-admin, auditor)',
  run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { role: { type: 'string', multiple: true } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UserError('give exactly one user NAME');
    const store = new UserStore(loadConfig().dataDir);
    try {
      const created = store.add(positionals[0]!, (values.role ?? []) as Role[]);
      process.stdout.write(`${JSON.stringify(created)}\n`);
      return Promise.resolve(0);
    } finally {
      store.close();
    }
  },
};
