/**
 * The frame of a scenario process: runs `main`, then reports the process's peak RSS as the kernel counted it
 * (getrusage maxRSS, the whole life of the process) on stdout, so the orchestrator reads it beside the figures.
 */
export const MAX_RSS_PREFIX = 'MAXRSS ';

export function runScenario(main: () => Promise<void>): void {
  main()
    .then(() => {
      process.stdout.write(`${MAX_RSS_PREFIX}${process.resourceUsage().maxRSS}\n`);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
