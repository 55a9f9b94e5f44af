// `cli metrics --in FILE`: the quality figures (docs/math.md, "Quality figures") of a sample set
// in raw units. FILE is the output of `cli sample` or a plain JSON array of [x, y] pairs.
import { tutorialDataset } from "../src/core/data";
import { quality, Reference } from "../src/core/metrics";
import { parseFlags, UsageError } from "./args";
import { readPointsFile } from "./files";
import { METRICS_FLAGS } from "./flags";

export async function metricsCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, METRICS_FLAGS);
  if (f.in === undefined)
    throw new UsageError("--in FILE is required (a sample output or a JSON array of [x, y] pairs)");
  const points = readPointsFile(f.in, "in", "the samples", { samplesKey: "samples" });
  const ds = tutorialDataset();
  const metrics = quality(points, new Reference(ds.mixture, ds.points));
  process.stdout.write(`${JSON.stringify({ n: points.length / 2, metrics })}\n`);
  return 0;
}
