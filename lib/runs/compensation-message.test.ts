import { describe, expect, it } from "vitest";
import { describeCompensation } from "./compensation-message";

describe("describeCompensation", () => {
  it("says a failed release's overlay commit is still in effect instead of claiming an undo", () => {
    expect(describeCompensation({ undone: [], failed: [], kept: ["commit-release", "record-release"] })).toBe(
      "Nothing was undone. Still in effect (these steps have no undo): commit-release, record-release.",
    );
  });

  it("lists what was undone, what could not be and what stays", () => {
    expect(
      describeCompensation({ undone: ["register-service"], failed: ["create-app-repo"], kept: ["ensure-team-org"] }),
    ).toBe(
      "Undone: register-service. Could not undo: create-app-repo (see the log). Still in effect (these steps have no undo): ensure-team-org.",
    );
  });

  it("says so when nothing had changed", () => {
    expect(describeCompensation({ undone: [], failed: [], kept: [] })).toBe(
      "Nothing had been changed yet, so nothing was undone.",
    );
  });
});
