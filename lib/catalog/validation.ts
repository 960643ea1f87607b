import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FieldErrors } from "@/lib/errors";
import { addFieldError } from "@/lib/errors";
import { linearRegExp } from "./linear-regexp";
import { checkPropertySize } from "./property-limits";
import type { JsonSchema } from "./types";

// ajv-formats ships CJS; under ESM interop the function may sit on .default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

// addUsedSchema: false — blueprint schemas are compiled again after every edit (and on each cache miss);
// registering them globally would make a second compile of a schema with a `$id` throw "already exists".
// code.regExp: user-supplied `pattern`s run on a linear-time engine (no catastrophic backtracking).
const ajv = addFormats(
  new Ajv({
    allErrors: true,
    strict: false,
    useDefaults: false,
    addUsedSchema: false,
    code: { regExp: linearRegExp },
  }),
);
const cache = new Map<string, ValidateFunction>();

/** Checks that a blueprint's property schema is itself a valid JSON Schema of an object. */
export function checkPropertySchema(schema: JsonSchema): FieldErrors {
  const fields: FieldErrors = {};
  if (schema.type !== undefined && schema.type !== "object") {
    addFieldError(fields, "schema.type", 'A blueprint schema must have type "object"');
  }
  if (schema.properties !== undefined && (typeof schema.properties !== "object" || Array.isArray(schema.properties))) {
    addFieldError(fields, "schema.properties", "Must be an object of property schemas");
  }
  if (Object.keys(fields).length > 0) return fields;
  try {
    ajv.compile(schema);
    // ajv caches compiled schemas by object; this one is a throwaway check, so drop it.
    ajv.removeSchema(schema);
  } catch (e) {
    addFieldError(fields, "schema", `Invalid JSON Schema: ${(e as Error).message}`);
  }
  return fields;
}

function validatorFor(cacheKey: string, schema: JsonSchema): ValidateFunction {
  let fn = cache.get(cacheKey);
  if (!fn) {
    fn = ajv.compile(schema);
    if (cache.size > 500) {
      cache.clear();
      ajv.removeSchema(); // also frees ajv's own compiled-schema cache
    }
    cache.set(cacheKey, fn);
  }
  return fn;
}

function fieldPath(err: ErrorObject): string {
  const base = err.instancePath
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (err.keyword === "required") base.push(String(err.params.missingProperty));
  if (err.keyword === "additionalProperties") base.push(String(err.params.additionalProperty));
  return ["properties", ...base].join(".");
}

function describe(err: ErrorObject): string {
  switch (err.keyword) {
    case "required":
      return "Required";
    case "additionalProperties":
      return "Unknown property";
    case "enum":
      return `Must be one of: ${(err.params.allowedValues as unknown[]).join(", ")}`;
    default:
      return err.message ? err.message.charAt(0).toUpperCase() + err.message.slice(1) : "Invalid value";
  }
}

/**
 * Validates entity properties against the size limits and the blueprint schema; field paths look like
 * `properties.port`.
 */
export function validateProperties(
  cacheKey: string,
  schema: JsonSchema,
  properties: Record<string, unknown>,
): FieldErrors {
  const fields = checkPropertySize(properties);
  const validate = validatorFor(cacheKey, schema);
  if (validate(properties)) return fields;
  for (const err of validate.errors ?? []) addFieldError(fields, fieldPath(err), describe(err));
  return fields;
}
