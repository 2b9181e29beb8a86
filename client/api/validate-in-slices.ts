/**
 * Response validation that keeps the page responsive: the same zod schema as `validate`, but the
 * arrays of an object response (a subgraph's nodes and edges, the stats' rankings …) are parsed
 * element by element in slices of about SLICE_MS, with a yield to the page between slices; the
 * rest of the object is parsed at once. Every element is still fully checked. On any mismatch the
 * whole response is parsed again by `validate`, so the ApiError (operation, first wrong path,
 * zod's message) is exactly the one `validate` throws.
 */
import { z } from "zod";
import { validate } from "./validate.ts";
import { yieldToPage } from "../yield-to-page.ts";

/** About this long of parsing between two yields to the page. */
export const SLICE_MS = 10;

/** Elements parsed between two looks at the clock. */
const CHECK_EVERY = 16;

type Parsed = { ok: true; value: unknown } | { ok: false };

interface Clock {
  deadline: number;
  sliceMs: number;
  /** How many times the parse yielded to the page (for tests). */
  yields: number;
}

/** Once the slice is spent: yields to the page and starts the next one. */
async function pause(clock: Clock): Promise<void> {
  if (performance.now() < clock.deadline) return;
  await yieldToPage();
  clock.yields++;
  clock.deadline = performance.now() + clock.sliceMs;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Per object schema: its array and object fields (parsed apart), and the schema of the rest. */
const splits = new WeakMap<z.ZodObject, { rest: z.ZodObject; apart: string[] }>();

/**
 * Whether an object schema's answer is its fields' answers put together: no refinement of the whole
 * object (it would see only the rest) and unknown keys stripped (a loose or strict object's catch-all
 * would see them apart). Any other object is parsed whole.
 */
const splittable = (schema: z.ZodObject): boolean => !schema._zod.def.checks?.length && schema._zod.def.catchall === undefined;

function split(schema: z.ZodObject): { rest: z.ZodObject; apart: string[] } {
  let s = splits.get(schema);
  if (!s) {
    const apart = Object.keys(schema.shape).filter((k) => {
      const field = schema.shape[k];
      return field instanceof z.ZodArray || field instanceof z.ZodObject;
    });
    const mask: Record<string, true> = Object.fromEntries(apart.map((k) => [k, true] as const));
    s = { rest: schema.omit(mask as Parameters<typeof schema.omit>[0]), apart };
    splits.set(schema, s);
  }
  return s;
}

/**
 * What `schema.safeParse(value)` gives, an array element by element with a pause between slices and
 * an object's array and object fields apart from the rest; `{ ok: false }` on any mismatch.
 */
async function parse(schema: z.ZodType, value: unknown, clock: Clock): Promise<Parsed> {
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    const element = schema.element as z.ZodType;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (i % CHECK_EVERY === 0) await pause(clock);
      const r = element.safeParse(value[i]);
      if (!r.success) return { ok: false };
      out[i] = r.data;
    }
    return { ok: true, value: out };
  }
  if (schema instanceof z.ZodObject && splittable(schema) && isRecord(value)) {
    const { rest, apart } = split(schema);
    const r = rest.safeParse(value);
    if (!r.success) return { ok: false };
    const parts: Record<string, unknown> = {};
    for (const k of apart) {
      const p = await parse(schema.shape[k] as z.ZodType, value[k], clock);
      if (!p.ok) return p;
      parts[k] = p.value;
    }
    // The keys in the schema's order, as zod gives them.
    const out: Record<string, unknown> = {};
    const restOut = r.data as Record<string, unknown>;
    for (const k of Object.keys(schema.shape)) {
      if (k in parts) out[k] = parts[k];
      else if (k in restOut) out[k] = restOut[k];
    }
    return { ok: true, value: out };
  }
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

/**
 * Parses `value` with `schema` as `validate` does, yielding to the page about every `sliceMs`;
 * throws `validate`'s ApiError on a mismatch. `onDone` is told how often it yielded (for tests).
 */
export async function validateInSlices<S extends z.ZodType>(
  operation: string,
  schema: S,
  value: unknown,
  { sliceMs = SLICE_MS, onDone }: { sliceMs?: number; onDone?: (yields: number) => void } = {},
): Promise<z.output<S>> {
  const clock: Clock = { deadline: performance.now() + sliceMs, sliceMs, yields: 0 };
  const parsed = await parse(schema, value, clock);
  onDone?.(clock.yields);
  if (parsed.ok) return parsed.value as z.output<S>;
  // A mismatch: the whole response again, for the same first wrong path and message as always.
  return validate(operation, schema, value);
}
