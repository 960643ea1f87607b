import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addSchemaMessages } from "./schema-messages";

const jsonOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", override: addSchemaMessages }) as {
    properties: Record<string, Record<string, unknown>>;
  };

describe("schema messages in the JSON Schema", () => {
  it("carries each check's own message under x-messages, patterns by their source", () => {
    const { properties } = jsonOf(
      z.object({
        name: z
          .string()
          .min(1, "Name is required")
          .regex(/^[a-z]/, "Name must start with a lowercase letter"),
        replicas: z.number().int().min(0, "Replicas cannot be negative").max(100),
      }),
    );
    expect(properties.name!["x-messages"]).toEqual({
      minLength: "Name is required",
      pattern: { "^[a-z]": "Name must start with a lowercase letter" },
    });
    // A check without a message of its own keeps the validator's (maximum is absent).
    expect(properties.replicas!["x-messages"]).toEqual({ minimum: "Replicas cannot be negative" });
  });

  it("adds nothing to a field without custom messages", () => {
    expect(jsonOf(z.object({ notes: z.string().max(5) })).properties.notes).not.toHaveProperty("x-messages");
  });
});
