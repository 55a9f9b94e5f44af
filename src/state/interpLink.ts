// The interpolation in the page's link: iseed= (endpoints drawn from a seed), ipick=a,b (two
// training points, inverted again on arrival), ipath=lerp|slerp, imodel=, u= (slider position).
// Validated like every other link field (zod, one number grammar); defaults are left out.
import { z } from "zod";
import { PATH_KINDS, SEED_MAX } from "../core/config";
import type { PathKind } from "../core/interpolate";
import type { ModelChoice } from "../engine/api";
import { MODEL_CHOICES } from "./compare";
import { linkNumber, shown } from "./linkNumber";
import { query } from "./url";

export interface InterpLink {
  seed?: number;
  path?: PathKind;
  model?: ModelChoice;
  /** Training-point indices of the inverted endpoints of the highlighted path. */
  pick?: [number, number];
  u?: number;
}

export const INTERP_DEFAULTS = {
  seed: 1,
  path: "slerp" as PathKind,
  model: "network" as ModelChoice,
  u: 0.5,
};

const seedSchema = z
  .number({ error: `iseed must be a whole number from 0 to ${SEED_MAX}` })
  .int({ error: `iseed must be a whole number from 0 to ${SEED_MAX}` })
  .min(0, { error: `iseed must be from 0 to ${SEED_MAX}` })
  .max(SEED_MAX, { error: `iseed must be from 0 to ${SEED_MAX}` });
const uSchema = z
  .number({ error: "u must be a number from 0 to 1" })
  .min(0, { error: "u must be from 0 to 1" })
  .max(1, { error: "u must be from 0 to 1" });
const pathSchema = z.enum(PATH_KINDS, { error: `ipath must be one of ${PATH_KINDS.join(", ")}` });
const modelSchema = z.enum(MODEL_CHOICES as [ModelChoice, ...ModelChoice[]], {
  error: `imodel must be one of ${MODEL_CHOICES.join(", ")}`,
});

const first = (r: { error?: z.ZodError }) => r.error?.issues[0]?.message ?? "not valid";

/** Reads the interpolation fields; nPoints is the size of the training set (ipick's range). */
export function readInterpLink(search: string, nPoints: number): { link: InterpLink; messages: string[] } {
  const params = new URLSearchParams(search);
  const link: InterpLink = {};
  const messages: string[] = [];
  const field = <T>(key: string, parse: (raw: string) => z.ZodSafeParseResult<T>, set: (v: T) => void) => {
    const raw = params.get(key);
    if (raw === null) return;
    const r = parse(raw);
    if (r.success) set(r.data);
    else messages.push(`Ignored ${key}=${shown(raw)} from the link: ${first(r)}`);
  };
  field(
    "iseed",
    (raw) => seedSchema.safeParse(linkNumber(raw)),
    (v) => (link.seed = v),
  );
  field(
    "ipath",
    (raw) => pathSchema.safeParse(raw),
    (v) => (link.path = v),
  );
  field(
    "imodel",
    (raw) => modelSchema.safeParse(raw),
    (v) => (link.model = v),
  );
  field(
    "u",
    (raw) => uSchema.safeParse(linkNumber(raw)),
    (v) => (link.u = v),
  );
  const pickSchema = z
    .tuple(
      [
        z
          .number()
          .int()
          .min(0)
          .max(nPoints - 1),
        z
          .number()
          .int()
          .min(0)
          .max(nPoints - 1),
      ],
      {
        error: `ipick must be two different training points, e.g. ipick=12,40 (0 to ${nPoints - 1})`,
      },
    )
    .refine(([a, b]) => a !== b, {
      error: `ipick must be two different training points, e.g. ipick=12,40 (0 to ${nPoints - 1})`,
    });
  field(
    "ipick",
    (raw) => pickSchema.safeParse(raw.split(",").map(linkNumber)),
    (v) => (link.pick = v),
  );
  return { link, messages };
}

export interface InterpLinkState {
  seed: number;
  path: PathKind;
  model: ModelChoice;
  picked: { a: number; b: number } | null;
  u: number;
}

/** The query string with the interpolation's fields replaced (defaults left out). */
export function writeInterpLink(search: string, s: InterpLinkState): string {
  const params = new URLSearchParams(search);
  for (const k of ["iseed", "ipath", "imodel", "ipick", "u"]) params.delete(k);
  if (s.seed !== INTERP_DEFAULTS.seed) params.set("iseed", String(s.seed));
  if (s.path !== INTERP_DEFAULTS.path) params.set("ipath", s.path);
  if (s.model !== INTERP_DEFAULTS.model) params.set("imodel", s.model);
  if (s.picked) params.set("ipick", `${s.picked.a},${s.picked.b}`);
  if (s.u !== INTERP_DEFAULTS.u) params.set("u", String(s.u));
  return query(params);
}
