// DDIM Lab command line: `npm run --silent cli -- <command> [flags]`. Same core and model code as
// the dashboard. Usage errors exit 2 with one line on stderr, never a stack trace; other failures
// exit 1 with one line.
import { oneLine, shown, UsageError } from "./args";
import { metricsCommand } from "./metrics";
import { sampleCommand } from "./sample";
import { usageText } from "./usage";

type Command = (args: string[]) => Promise<number>;

// A Map, not an object: a command named "constructor" or "__proto__" must be unknown, not a built-in.
const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ["sample", async () => sampleCommand],
  ["metrics", async () => metricsCommand],
  ["train", async () => (await import("./train")).trainCommand],
]);
const NAMES = [...COMMANDS.keys()].join(", ");

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "help") {
    process.stdout.write(`${usageText()}\n`);
    return 0;
  }
  // No command is a usage error like any other: exit 2 and one line on stderr.
  if (!name) throw new UsageError(`a command is required: ${NAMES} (cli --help lists the flags)`);
  const load = COMMANDS.get(name);
  if (!load) throw new UsageError(`unknown command ${shown(name)}; commands: ${NAMES}`);
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${oneLine(err.message)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
      process.exitCode = 1;
    }
  },
);
