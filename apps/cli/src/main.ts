import 'reflect-metadata';
import type { CliCommand } from './commands/cli-command';
import { userAddCommand } from './commands/user-add.command';
import { verifyCommand } from './commands/verify.command';
import { sealCommand } from './commands/seal.command';
import { replayCommand } from './commands/replay.command';

/** `npm run cli -- COMMAND …`: the operator's and auditor's command line. */
const COMMANDS: CliCommand[] = [userAddCommand, verifyCommand, sealCommand, replayCommand];

async function main(argv: string[]): Promise<number> {
  const command = COMMANDS.filter((c) => startsWith(argv, c.name.split(' '))).sort(
    (a, b) => b.name.length - a.name.length,
  )[0];
  if (!command) {
    process.stderr.write(`usage: npm run cli -- COMMAND\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}\n`);
    return 2;
  }
  try {
    return await command.run(argv.slice(command.name.split(' ').length));
  } catch (e) {
    process.stderr.write(`${command.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof Error && e.name === 'UserError' ? 2 : 1;
  }
}

function startsWith(argv: string[], words: string[]): boolean {
  return words.every((w, i) => argv[i] === w);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
