/**
 * Values generated from the JSON schemas of the OpenAPI document: one plausible valid body per
 * operation, and bodies that are broken on purpose (wrong type per field, a missing required field,
 * null, an array, a deep nesting, a string beyond the body limit).
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
}

/** Field names whose values must match the fixtures or a pattern the generator cannot guess. */
export type Overrides = Record<string, unknown>;

const DAY = 86_400_000;

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null");
  if (s.type) return s.type;
  if (s.properties) return "object";
  const alt = s.anyOf?.[0] ?? s.oneOf?.[0];
  return alt ? typeOf(alt) : undefined;
}

/** A valid value for one schema: the first enum value, the smallest string, number and array. */
export function validValue(s: JsonSchema, name: string, overrides: Overrides): unknown {
  if (name in overrides) return overrides[name];
  if (s.enum) return s.enum[0];
  const alt = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (!s.type && !s.properties && alt) return validValue(alt, name, overrides);
  switch (typeOf(s)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if ((s.required ?? []).includes(k) || k in overrides) out[k] = validValue(v, k, overrides);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => validValue(s.items ?? { type: "string" }, `${name}[]`, overrides));
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return true;
    default:
      if (s.format === "date-time") return new Date(Date.now() + 3 * DAY).toISOString();
      if (s.format === "date") return new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
      if (s.format === "email") return "hostile@zorg.example";
      if (s.pattern === "^\\d{8}$") return "12345678";
      return "Tekst voor de vijandige test.".slice(0, s.maxLength ?? 100).padEnd(s.minLength ?? 0, "x");
  }
}

/** A value of the wrong JSON type for a schema. */
function wrongType(s: JsonSchema): unknown {
  switch (typeOf(s)) {
    case "string":
      return 12345;
    case "integer":
    case "number":
      return "twaalf";
    case "boolean":
      return "ja";
    case "array":
      return { niet: "een lijst" };
    case "object":
      return "geen object";
    default:
      return Symbol.for("skip");
  }
}

export interface Broken {
  label: string;
  /** The raw JSON text sent with Content-Type application/json. */
  json: string;
}

/** Deeply nested JSON text (objects in objects), without recursion in the generator. */
export function deep(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/**
 * Bodies that must be refused whatever the role: each one makes a required field or the body itself
 * invalid. A field that is optional gets a wrong type, never a value that could pass.
 */
export function brokenBodies(schema: JsonSchema, valid: Record<string, unknown>): Broken[] {
  const out: Broken[] = [
    { label: "null", json: "null" },
    { label: "lijst i.p.v. object", json: JSON.stringify([valid]) },
    { label: "getal", json: "42" },
    { label: "tekst", json: JSON.stringify("<script>alert(1)</script>") },
    { label: "diep genest (lijst)", json: `${"[".repeat(5000)}${"]".repeat(5000)}` },
  ];
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  if (required.length > 0) out.push({ label: "diep genest (object)", json: deep(5000) });
  for (const [k, s] of props) {
    const wrong = wrongType(s);
    if (wrong !== Symbol.for("skip")) out.push({ label: `${k}: verkeerd type`, json: JSON.stringify({ ...valid, [k]: wrong }) });
    // A deep list, not a deep object: an object field with only optional members would accept the latter.
    out.push({ label: `${k}: diep genest`, json: JSON.stringify({ ...valid, [k]: "§" }).replace('"§"', `${"[".repeat(5000)}${"]".repeat(5000)}`) });
    if (s.type !== "string" || s.enum) out.push({ label: `${k}: script als waarde`, json: JSON.stringify({ ...valid, [k]: "<script>alert(1)</script>" }) });
    if (required.includes(k)) {
      const { [k]: _gone, ...rest } = valid;
      out.push({ label: `${k}: ontbreekt`, json: JSON.stringify(rest) });
      out.push({ label: `${k}: null`, json: JSON.stringify({ ...valid, [k]: null }) });
    }
  }
  const firstString = props.find(([, s]) => typeOf(s) === "string" && !s.enum)?.[0] ?? props[0]?.[0] ?? "x";
  out.push({ label: `${firstString}: 2 MB`, json: JSON.stringify({ ...valid, [firstString]: "ä".repeat(1024 * 1024) }) });
  return out;
}

/** Hostile text for every free-text field that may be accepted. */
export const SCRIPT = "<script>alert(1)</script>";
export const IMG = '"><img src=x onerror=alert(1)>';
export const ODD_TEXT = `RTL \u202Eexe.fdp\u202C NUL \u0000 emoji 🧨 ${SCRIPT} ${IMG}`;

/** String fields (top level) of a body schema that take free text: no enum, no format, no pattern. */
export function freeTextFields(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => typeOf(s) === "string" && !s.enum && !s.format && !s.pattern)
    .map(([k]) => k);
}
