// `cli metrics --in FILE [--data D]`: the quality figures (cli/figures.ts) of a sample set in raw
// units. FILE is the output of `cli sample` or a plain JSON array of [x, y] pairs.
import { parseFlags, UsageError } from "./args";
import { resolveData } from "./data";
import { qualityFigures } from "./figures";
import { readPointsFile } from "./files";
import { METRICS_FLAGS } from "./flags";

export async function metricsCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, METRICS_FLAGS);
  if (f.in === undefined)
    throw new UsageError("--in FILE is required (a sample output or a JSON array of [x, y] pairs)");
  const data = resolveData(f.data);
  const points = readPointsFile(f.in, "in", "the samples", { samplesKey: "samples" });
  const metrics = qualityFigures(points, data);
  process.stdout.write(`${JSON.stringify({ n: points.length / 2, data: f.data ?? "tutorial", metrics })}\n`);
  return 0;
}
