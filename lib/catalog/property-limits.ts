import { addFieldError, type FieldErrors } from "@/lib/errors";

// Entity pages render every property, and each write copies them into the audit log and the timeline:
// unbounded values (a 50 MB string) made one page 100 MB of HTML. Request bodies stop at 1 MiB (413);
// these bound what one entity keeps.

/** Most characters one string property (at any depth) may hold. */
export const MAX_PROPERTY_STRING_CHARS = 16 * 1024;
/** Most bytes an entity's properties may take as JSON (UTF-8). */
export const MAX_PROPERTIES_BYTES = 64 * 1024;

const kib = (n: number) => `${n / 1024} KiB`;

function checkStrings(value: unknown, path: string, fields: FieldErrors): void {
  if (typeof value === "string") {
    if (value.length > MAX_PROPERTY_STRING_CHARS)
      addFieldError(
        fields,
        path,
        `At most ${MAX_PROPERTY_STRING_CHARS} characters (this has ${value.length}); keep large text in a repository and link it`,
      );
  } else if (Array.isArray(value)) value.forEach((item, i) => checkStrings(item, `${path}.${i}`, fields));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) checkStrings(item, `${path}.${key}`, fields);
}

/** Field errors for properties over the limits: the long string's path, or `properties` for the total. */
export function checkPropertySize(properties: Record<string, unknown>): FieldErrors {
  const fields: FieldErrors = {};
  checkStrings(properties, "properties", fields);
  const bytes = Buffer.byteLength(JSON.stringify(properties), "utf8");
  if (bytes > MAX_PROPERTIES_BYTES)
    addFieldError(
      fields,
      "properties",
      `At most ${kib(MAX_PROPERTIES_BYTES)} of JSON per entity (this is ${bytes} bytes)`,
    );
  return fields;
}
