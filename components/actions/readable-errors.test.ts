import type { RJSFSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { describe, expect, it } from "vitest";
import { readableErrors } from "./readable-errors";

const schema: RJSFSchema = {
  type: "object",
  required: ["name", "reason"],
  properties: {
    name: {
      type: "string",
      title: "Service name",
      minLength: 1,
      allOf: [{ pattern: "^[a-z]" }],
      "x-messages": { pattern: { "^[a-z]": "The service name must start with a lowercase letter" } },
    } as RJSFSchema,
    replicas: { type: "integer", title: "Replicas", minimum: 1, maximum: 10 },
    reason: { type: "string", title: "Reason" },
  },
};

const messagesFor = (data: unknown) =>
  validator.validateFormData(data, schema, undefined, readableErrors(schema)).errors.map((e) => e.message);

describe("readable form errors", () => {
  it("says the schema's own message instead of the pattern", () => {
    const messages = messagesFor({ name: "9lives", reason: "because" });
    expect(messages).toEqual(["The service name must start with a lowercase letter"]);
    expect(messages.join(" ")).not.toContain("^[a-z]");
  });

  it("names fields by title for ranges and missing values", () => {
    expect(messagesFor({ name: "ok", replicas: 12 })).toEqual(["Reason is required", "Replicas is at most 10"]);
  });
});
