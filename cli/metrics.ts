// `cli metrics --in FILE`: the quality figures (docs/math.md, "Quality figures") of a sample set
// in raw units. FILE is the output of `cli sample` or a plain JSON array of [x, y] pairs.
import { quality, Reference } from "../src/core/metrics";
import { parseFlags, UsageError } from "./args";
import { resolveData } from "./data";
import { readPointsFile } from "./files";
import { METRICS_FLAGS } from "./flags";

export async function metricsCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, METRICS_FLAGS);
  if (f.in === undefined)
    throw new UsageError("--in FILE is required (a sample output or a JSON array of [x, y] pairs)");
  const data = resolveData(f.data);
  if (!data.hasDensity)
    throw new UsageError(
      `--data: the quality figures compare with the population density, which ${f.data} does not have (tutorial and unequal have one)`,
    );
  const points = readPointsFile(f.in, "in", "the samples", { samplesKey: "samples" });
  const ds = data.dataset;
  const metrics = quality(points, new Reference(ds.mixture, ds.points));
  process.stdout.write(`${JSON.stringify({ n: points.length / 2, metrics })}\n`);
  return 0;
}
