// `cli metrics --in FILE`: the SPEC section 9 figures of a sample set in raw units. FILE is the
// output of `cli sample` or a plain JSON array of [x, y] pairs.
import { tutorialDataset } from "../src/core/data";
import { quality, Reference } from "../src/core/metrics";
import { parseFlags, UsageError } from "./args";
import { parsePoints, readJsonFile } from "./files";

export async function metricsCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, ["in"]);
  const path = flags.get("in");
  if (!path) throw new UsageError("--in FILE is required (a sample output or a JSON array of [x, y] pairs)");
  const json = readJsonFile(path, "in");
  const pairs =
    json !== null && typeof json === "object" && !Array.isArray(json) && "samples" in json
      ? (json as { samples: unknown }).samples
      : json;
  const points = parsePoints(pairs, "in", "the samples");
  const ds = tutorialDataset();
  const metrics = quality(points, new Reference(ds.mixture, ds.points));
  process.stdout.write(`${JSON.stringify({ n: points.length / 2, metrics })}\n`);
  return 0;
}
