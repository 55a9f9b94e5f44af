// A "lesson file": one JSON a teacher hands to every student so they all start from the exact same
// state: the settings, the trained network with its loss history (a session, as in persist.ts),
// the comparison columns and the x_T seed. Versioned and validated like network files: the whole
// file is checked before anything is loaded, so a bad file changes nothing.
import { MAX_COLUMNS, MODELS, SamplerSchema, SEED_MAX } from "../core/config";
import { z } from "../core/zod";
import { loadFromFile } from "./actions";
import { type CompareColumn, useCompare } from "./compare";
import { useData } from "./data";
import { toSessionData } from "./dataLink";
import { MAX_FILE_BYTES, makeSession, parseSession, type Session } from "./persist";
import { requireEngine, useApp } from "./store";

export const LESSON_FORMAT = "ddim-lab-lesson";
export const LESSON_VERSION = 1;
/** The comparison grid holds at most this many columns. */
export const MAX_LESSON_COLUMNS = MAX_COLUMNS;

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: typeof LESSON_VERSION;
  savedAt: string;
  /** Optional words from the teacher, shown when the file is opened. */
  title: string;
  session: Session;
  columns: Omit<CompareColumn, "id">[];
  /** The seed of x_T shared by every column. */
  seed: number;
}

const ColumnSchema = z.strictObject({
  sampler: SamplerSchema,
  model: z.enum(MODELS, { error: `model must be one of ${MODELS.join(", ")}` }),
});
const LessonSchema = z.object({
  savedAt: z.string().max(100, { error: "savedAt must be a date of at most 100 characters" }),
  title: z.string().max(200, { error: "the title must be at most 200 characters" }),
  session: z.unknown(),
  columns: z
    .array(ColumnSchema)
    .min(1, { error: "a lesson has at least one comparison column" })
    .max(MAX_LESSON_COLUMNS, { error: `a lesson has at most ${MAX_LESSON_COLUMNS} comparison columns` }),
  seed: z
    .number({ error: "seed must be a number" })
    .int({ error: "seed must be a whole number" })
    .min(0, { error: `seed must be from 0 to ${SEED_MAX}` })
    .max(SEED_MAX, { error: `seed must be from 0 to ${SEED_MAX}` }),
});

export type ParsedLesson = { ok: true; lesson: Lesson } | { ok: false; error: string };

const isLessonLike = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.hasOwn(v, "format");

/** True when a parsed JSON value says it is a lesson (whatever its version or shape). */
export function looksLikeLesson(value: unknown): boolean {
  return isLessonLike(value) && value.format === LESSON_FORMAT;
}

/** Validates everything (lesson fields, columns, and the session inside); never throws. */
export function parseLesson(value: unknown): ParsedLesson {
  if (!looksLikeLesson(value)) return { ok: false, error: "the file is not a DDIM Lab lesson file" };
  const v = value as Record<string, unknown>;
  if (v.version !== LESSON_VERSION) {
    const got = typeof v.version === "number" ? String(v.version) : JSON.stringify(v.version ?? null);
    return {
      ok: false,
      error: `the lesson file is version ${got.slice(0, 20)}; this DDIM Lab reads lesson files of version ${LESSON_VERSION} (a number)`,
    };
  }
  const r = LessonSchema.safeParse(v);
  if (!r.success) {
    const i = r.error.issues[0];
    const where = i && i.path.length > 0 ? `${i.path.join(".")}: ` : "";
    return { ok: false, error: `the lesson file is damaged (${where}${i?.message ?? "bad shape"})` };
  }
  const session = parseSession(r.data.session);
  if (!session.ok) return { ok: false, error: `the lesson's network part: ${session.error}` };
  const T = session.value.settings.T;
  if (typeof T === "number") {
    const over = r.data.columns.findIndex((c) => c.sampler.steps > T);
    if (over >= 0) {
      return {
        ok: false,
        error: `column ${over + 1} uses ${r.data.columns[over].sampler.steps} steps but the lesson's network has T = ${T}`,
      };
    }
  }
  return {
    ok: true,
    lesson: {
      format: LESSON_FORMAT,
      version: LESSON_VERSION,
      savedAt: r.data.savedAt,
      title: r.data.title,
      session: session.value,
      columns: r.data.columns as Lesson["columns"],
      seed: r.data.seed,
    },
  };
}

export function parseLessonText(text: string): ParsedLesson {
  if (text.length > MAX_FILE_BYTES) {
    return { ok: false, error: `the file is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "the file is not valid JSON (is it a DDIM Lab file?)" };
  }
  return parseLesson(value);
}

export function makeLesson(
  session: Session,
  columns: readonly CompareColumn[],
  seed: number,
  title = "",
): Lesson {
  return {
    format: LESSON_FORMAT,
    version: LESSON_VERSION,
    savedAt: new Date().toISOString(),
    title: title.slice(0, 200),
    session,
    columns: columns.map(({ sampler, model }) => ({ sampler: { ...sampler }, model })),
    seed,
  };
}

/**
 * Opens a dropped or chosen file: a lesson restores network, settings, loss history, columns and
 * seed; any other DDIM Lab file (session or network) goes to the usual loader. Returns whether it
 * was loaded; on failure the message says why and the current state is unchanged.
 */
export async function openLabFile(file: Blob): Promise<boolean> {
  if (file.size > MAX_FILE_BYTES) {
    useApp.setState({
      error: `Could not open the file: it is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit.`,
    });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    useApp.setState({ error: "Could not open the file: it could not be read." });
    return false;
  }
  let value: unknown = null;
  try {
    value = JSON.parse(text);
  } catch {
    /* not JSON: the session loader below says so */
  }
  if (!looksLikeLesson(value)) return loadFromFile(new Blob([text]));
  const parsed = parseLesson(value);
  if (!parsed.ok) {
    useApp.setState({ error: `Could not open the lesson: ${parsed.error}. Nothing was changed.` });
    return false;
  }
  const { lesson } = parsed;
  // The network part goes through the same loader (and the engine's own checks) as a session
  // file; the columns and seed are applied only once it has been accepted.
  if (!(await loadFromFile(new Blob([JSON.stringify(lesson.session)])))) return false;
  useCompare.getState().loadLink(lesson.columns, lesson.seed);
  const title = lesson.title ? `"${lesson.title}": ` : "";
  useApp.setState({
    status: `Opened the lesson ${title}network, settings, loss history, ${lesson.columns.length} comparison columns and x_T seed ${lesson.seed}.`,
  });
  return true;
}

/** The current state as a lesson (the engine hands over the network). */
export async function currentLesson(title = ""): Promise<Lesson> {
  const { settings, loss } = useApp.getState();
  const { columns, seed } = useCompare.getState();
  // The data set rides in the session, so the network opens on the data it belongs to.
  const data = toSessionData(useData.getState().source);
  return makeLesson(
    makeSession(await requireEngine().saveNetwork(), settings, loss, data),
    columns,
    seed,
    title,
  );
}
