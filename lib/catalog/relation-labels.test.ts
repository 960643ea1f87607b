import { describe, expect, it } from "vitest";
import { incomingRelationLabel, outgoingRelationLabel, pluralOf } from "./relation-labels";

const service = {
  identifier: "service",
  title: "Service",
  relations: { dependsOn: { title: "Depends on", target: "service", many: true, required: false } },
};
const deployment = {
  identifier: "deployment",
  title: "Deployment",
  relations: { service: { title: "Service", target: "service", many: false, required: true } },
};
const environment = { identifier: "environment", title: "Environment", relations: {} };

describe("relation labels", () => {
  it("reads incoming relations as words", () => {
    expect(incomingRelationLabel(service, deployment, "service")).toBe("Deployments of this service");
    expect(incomingRelationLabel(service, service, "dependsOn")).toBe("Services that depend on this service");
    const owner = {
      identifier: "runbook",
      title: "Runbook",
      relations: { reviewer: { target: "service", many: false, required: false } },
    };
    expect(incomingRelationLabel(service, owner, "reviewer")).toBe("Runbooks with this service as reviewer");
    expect(incomingRelationLabel(environment, undefined, "environment")).toBe("Entities of this environment");
  });

  it("names outgoing relations by title, or by their name in words", () => {
    expect(outgoingRelationLabel("dependsOn", {})).toBe("Depends on");
    expect(outgoingRelationLabel("paas", { title: "Paas" })).toBe("Paas");
  });

  it("pluralises titles", () => {
    expect(pluralOf("Deployment")).toBe("Deployments");
    expect(pluralOf("Dev environment")).toBe("Dev environments");
    expect(pluralOf("Paas")).toBe("Paas");
    expect(pluralOf("Policy")).toBe("Policies");
  });
});
