/**
 * Typed JSON: how the merge record (review-similar.ts) keeps property values as text without losing
 * their Neo4j type. Plain JSON turns an INTEGER into a FLOAT (and one beyond 2^53 into another number),
 * and a DATE, a DURATION or a POINT into a string or a map. Here strings, booleans, null and finite
 * FLOATs are plain JSON; every other value is an object of one key naming its type:
 *
 *   {"$int": "9007199254740993"}                        INTEGER, in decimal
 *   {"$float": "NaN" | "Infinity" | "-Infinity" | "-0"}  a FLOAT plain JSON cannot hold
 *   {"$date": {"year": 2024, "month": 1, "day": 2}}
 *   {"$localtime": {"hour", "minute", "second", "nanosecond"}}
 *   {"$time": {"hour", "minute", "second", "nanosecond", "offsetSeconds"}}
 *   {"$localdatetime": {"year", "month", "day", "hour", "minute", "second", "nanosecond"}}
 *   {"$datetime": {… as localdatetime, "offsetSeconds", "zone"}}  zone: an IANA id, or null for an offset only
 *   {"$duration": {"months": "14", "days": "3", "seconds": "14706", "nanoseconds": "700000000"}}  in decimal
 *   {"$point": {"srid": 7203, "x": 1.5, "y": -2, "z": 3}}  z only in 3D
 *   {"$map": {…}}  a map whose one key begins with "$", so that it is not read as one of the above
 *
 * Lists are arrays, other maps objects, of values so written. fromTypedJson gives back the driver's
 * values (neo4j-driver's Integer, Date, …, Point), which it sends to Neo4j as the types they were.
 */
import neo4j from "neo4j-driver";
import { ConflictError } from "../../server/errors.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The driver's values whose fields typed JSON keeps (each a number or a driver Integer). */
type Fields = Record<string, unknown>;

const TYPES = neo4j.types;
/** A number or a driver Integer (a temporal value's field) as a JS number: all of them are within 2^53. */
const small = (v: unknown): number => (neo4j.isInt(v) ? (v as unknown as { toNumber(): number }).toNumber() : Number(v));
const exact = (v: unknown): string => String(v);

function encodeFloat(v: number): Json {
  if (Number.isNaN(v)) return { $float: "NaN" };
  if (!Number.isFinite(v)) return { $float: v > 0 ? "Infinity" : "-Infinity" };
  return Object.is(v, -0) ? { $float: "-0" } : v;
}

const timeOfDay = (v: Fields) => ({
  hour: small(v.hour),
  minute: small(v.minute),
  second: small(v.second),
  nanosecond: small(v.nanosecond),
});
const day = (v: Fields) => ({ year: small(v.year), month: small(v.month), day: small(v.day) });
const offset = (v: Fields) => (v.timeZoneOffsetSeconds == null ? null : small(v.timeZoneOffsetSeconds));

function encode(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return encodeFloat(v);
  if (typeof v === "bigint" || neo4j.isInt(v)) return { $int: exact(v) };
  if (Array.isArray(v)) return v.map(encode);
  if (typeof v !== "object") throw new ConflictError(`review: cannot record a value of type ${typeof v}`);
  const f = v as Fields;
  if (neo4j.isDate(f)) return { $date: day(f) };
  if (neo4j.isLocalTime(f)) return { $localtime: timeOfDay(f) };
  if (neo4j.isTime(f)) return { $time: { ...timeOfDay(f), offsetSeconds: offset(f) } };
  if (neo4j.isLocalDateTime(f)) return { $localdatetime: { ...day(f), ...timeOfDay(f) } };
  if (neo4j.isDateTime(f)) {
    return {
      $datetime: { ...day(f), ...timeOfDay(f), offsetSeconds: offset(f), zone: (f.timeZoneId as string | null | undefined) ?? null },
    };
  }
  if (neo4j.isDuration(f)) {
    return { $duration: { months: exact(f.months), days: exact(f.days), seconds: exact(f.seconds), nanoseconds: exact(f.nanoseconds) } };
  }
  if (neo4j.isPoint(f)) {
    const point: { [key: string]: Json } = { srid: small(f.srid), x: encodeFloat(f.x as number), y: encodeFloat(f.y as number) };
    if (f.z !== undefined && f.z !== null) point.z = encodeFloat(f.z as number);
    return { $point: point };
  }
  const out: { [key: string]: Json } = {};
  for (const [k, x] of Object.entries(f)) out[k] = encode(x);
  const keys = Object.keys(out);
  return keys.length === 1 && keys[0]!.startsWith("$") ? { $map: out } : out;
}

/** `value` (driver values, lists and maps of them) as typed JSON text. */
export function toTypedJson(value: unknown): string {
  return JSON.stringify(encode(value));
}

function decodeFloat(v: Json): number {
  if (typeof v === "number") return v;
  const tagged = v !== null && typeof v === "object" && !Array.isArray(v) ? v.$float : undefined;
  if (tagged === "NaN") return NaN;
  if (tagged === "Infinity") return Infinity;
  if (tagged === "-Infinity") return -Infinity;
  if (tagged === "-0") return -0;
  throw new ConflictError(`review: the merge record holds ${JSON.stringify(v)} where a float belongs`);
}

const big = (v: Json | undefined) => neo4j.int(String(v));
const num = (v: Json | undefined) => Number(v);

function decodeTagged(tag: string, body: Json): unknown {
  const f = (body ?? {}) as { [key: string]: Json };
  switch (tag) {
    case "$int":
      return neo4j.int(String(body));
    case "$float":
      return decodeFloat({ $float: body });
    case "$date":
      return new TYPES.Date(num(f.year), num(f.month), num(f.day));
    case "$localtime":
      return new TYPES.LocalTime(num(f.hour), num(f.minute), num(f.second), num(f.nanosecond));
    case "$time":
      return new TYPES.Time(num(f.hour), num(f.minute), num(f.second), num(f.nanosecond), num(f.offsetSeconds));
    case "$localdatetime":
      return new TYPES.LocalDateTime(num(f.year), num(f.month), num(f.day), num(f.hour), num(f.minute), num(f.second), num(f.nanosecond));
    case "$datetime":
      return new TYPES.DateTime(
        num(f.year),
        num(f.month),
        num(f.day),
        num(f.hour),
        num(f.minute),
        num(f.second),
        num(f.nanosecond),
        f.offsetSeconds == null ? undefined : num(f.offsetSeconds),
        f.zone == null ? undefined : String(f.zone),
      );
    case "$duration":
      return new TYPES.Duration(big(f.months), big(f.days), big(f.seconds), big(f.nanoseconds));
    case "$point":
      return new TYPES.Point(
        big(f.srid),
        decodeFloat(f.x ?? null),
        decodeFloat(f.y ?? null),
        f.z === undefined ? undefined : decodeFloat(f.z),
      );
    case "$map":
      return decodeMap(f);
    default:
      throw new ConflictError(`review: the merge record holds a value of unknown type "${tag}"`);
  }
}

function decodeMap(v: { [key: string]: Json }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = decode(x);
  return out;
}

function decode(v: Json): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(decode);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith("$")) return decodeTagged(keys[0]!, v[keys[0]!]!);
  return decodeMap(v);
}

/** The values toTypedJson wrote, as the driver's values again. */
export function fromTypedJson(text: string): unknown {
  return decode(JSON.parse(text) as Json);
}
