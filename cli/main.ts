// DDIM Lab command line: `npm run --silent cli -- <command> [flags]`. Same core and model code as
// the dashboard. Usage errors exit 2 with one line on stderr, never a stack trace.
import { UsageError } from "./args";
import { metricsCommand } from "./metrics";
import { sampleCommand } from "./sample";

const USAGE = `usage: cli <command> [flags]
  sample  --model oracle|empirical|pretrained|<saved network path>
          --sampler ddim|ddpm|euler|heun|dpmpp2m [--steps S] [--eta E] [--variance small|large]
          [--spacing leading|trailing|linspace] [--T 500] [--schedule linear|cosine]
          [--units standardized|raw] [--n 1000] [--seed 0] [--noise FILE] [--out FILE]
  metrics --in FILE
  train   [--steps N] [--seed S] [--backend wasm|cpu] [model flags] --out DIR`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  sample: async () => sampleCommand,
  metrics: async () => metricsCommand,
  train: async () => (await import("./train")).trainCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // No command is a usage error like any other: exit 2 and one line on stderr.
  if (!name)
    throw new UsageError("a command is required: sample, metrics or train (cli --help lists the flags)");
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}"; commands: sample, metrics, train`);
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      const msg = err instanceof Error ? err.message : String(err);
      process.stderr.write(`error: ${msg.split("\n")[0]}\n`);
      process.exitCode = 1;
    }
  },
);
