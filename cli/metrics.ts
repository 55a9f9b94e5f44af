// `cli metrics --in FILE [--data D]`: the quality figures (cli/figures.ts) of a sample set in raw
// units. FILE is the output of `cli sample` or a plain JSON array of [x, y] pairs.
import { parseFlags, shown, UsageError } from "./args";
import { resolveData } from "./data";
import { qualityFigures } from "./figures";
import { ownField, pointsFrom, readPointsJson } from "./files";
import { METRICS_FLAGS } from "./flags";

export async function metricsCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, METRICS_FLAGS);
  if (f.in === undefined)
    throw new UsageError("--in FILE is required (a sample output or a JSON array of [x, y] pairs)");
  const json = readPointsJson(f.in, "in", "the samples");
  // A `cli sample` output records its data set: it is measured against that one, and a different
  // --data is refused (the figures would compare with the wrong set). The recorded name passes the
  // same check as the flag.
  const recorded = ownField(ownField(json, "config"), "data");
  let fromFile: string | undefined;
  if (recorded !== undefined) {
    try {
      if (typeof recorded !== "string") throw new UsageError("it is not a name");
      fromFile = METRICS_FLAGS.data.parse(recorded, "data");
    } catch (err) {
      throw new UsageError(`--in: the file's config.data is not a data set (${(err as Error).message})`);
    }
  }
  if (f.data !== undefined && fromFile !== undefined && f.data !== fromFile)
    throw new UsageError(
      `--data: the samples were drawn for ${shown(fromFile)}, not ${shown(f.data)}; leave out --data to measure them against their own data`,
    );
  const dataName = f.data ?? fromFile ?? "tutorial";
  const data = resolveData(dataName);
  const points = pointsFrom(json, "in", "the samples", { samplesKey: "samples" });
  const metrics = qualityFigures(points, data);
  process.stdout.write(`${JSON.stringify({ n: points.length / 2, data: dataName, metrics })}\n`);
  return 0;
}
