/** One CLI command: `name` is the words that select it (`user add`), `run` gets the remaining arguments. */
export interface CliCommand {
  name: string;
  usage: string;
  /** Resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}
