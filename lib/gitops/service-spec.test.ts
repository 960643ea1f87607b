import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { serviceSpecSchema } from "./service-spec";
import { makeSpec } from "@/tests/gitops/fixtures";

function errorsFor(overrides: Record<string, unknown>) {
  const result = serviceSpecSchema.safeParse({ ...makeSpec(), ...overrides });
  return result.success ? {} : fieldErrorsFromZod(result.error);
}

describe("serviceSpecSchema", () => {
  it("accepts the reference payment service", () => {
    expect(serviceSpecSchema.parse(makeSpec())).toEqual(makeSpec());
  });

  it.each([
    ["Payment-Service", "name must start with a lowercase letter"],
    ["payment_service", "name may contain only lowercase letters, digits and '-'"],
    ["payment-", "name must end with a letter or digit"],
    ["9lives", "name must start with a lowercase letter"],
    ["-payment", "name must start with a lowercase letter"],
    ["pay.ment", "name may contain only lowercase letters, digits and '-'"],
    ["", "name is required"],
    ["a".repeat(41), "name must be at most 40 characters"],
  ])("rejects the name %j: %s", (name, message) => {
    expect(errorsFor({ name }).name).toContain(message);
  });

  it("accepts a 40-character name, so `<name>-<env>` still fits a label", () => {
    expect(errorsFor({ name: `a${"b".repeat(38)}c` })).toEqual({});
  });

  it("applies the same label rules to the team", () => {
    expect(errorsFor({ team: "Backend Team" }).team).toEqual([
      "team must start with a lowercase letter",
      "team may contain only lowercase letters, digits and '-'",
    ]);
  });

  it.each([0, 65536, 80.5, -1])("rejects port %d", (port) => {
    expect(errorsFor({ port }).port?.[0]).toMatch(/port must be/);
  });

  it("rejects a port given as a string", () => {
    expect(errorsFor({ port: "8080" }).port).toEqual(["port must be a number"]);
  });

  it("lists the allowed values for an unknown language or template", () => {
    expect(errorsFor({ language: "rust" }).language).toEqual(["language must be one of: java, node, go, python"]);
    expect(errorsFor({ template: "lambda" }).template).toEqual([
      "template must be one of: api-service, web-app, batch-job, microservice",
    ]);
  });

  it("rejects a framework the language's skeleton does not use", () => {
    expect(errorsFor({ language: "java", framework: "quarkus" }).framework).toEqual([
      'java services use spring-boot, not "quarkus"',
    ]);
  });

  it("refuses a public batch job", () => {
    expect(errorsFor({ template: "batch-job", public: true }).public).toEqual([
      "a batch job serves no HTTP traffic and cannot be public",
    ]);
  });

  it.each([
    "localhost:5000/payment-service",
    "registry.local/payments/payment-service",
    "payment-service",
    "ghcr.io/acme/team/svc",
  ])("accepts the image %s", (image) => {
    expect(errorsFor({ image })).toEqual({});
  });

  it.each([
    [
      "registry.local/payments/payment-service:1.0.0",
      "image must not carry a tag or digest (the version goes in `version`)",
    ],
    ["registry.local/payments/svc@sha256:abc", "image must not carry a tag or digest (the version goes in `version`)"],
    ["registry.local/Payments/svc", "image must look like registry.local/team/service (lowercase path components)"],
  ])("rejects the image %s", (image, message) => {
    expect(errorsFor({ image }).image).toContain(message);
  });

  it("rejects a version that is not an image tag", () => {
    expect(errorsFor({ version: "v1.0.0 final" }).version?.[0]).toMatch(/^version must be a valid image tag/);
    expect(errorsFor({ version: ".1" }).version).toHaveLength(1);
  });
});
