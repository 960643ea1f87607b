import { describe, expect, it } from "vitest";
import { describePolicy } from "./describe-policy";
import { nextStatuses } from "./transitions";
import { RUN_STATUSES, TERMINAL_STATUSES } from "./types";

describe("run state machine", () => {
  it("ends for good: nothing follows a terminal status", () => {
    for (const s of TERMINAL_STATUSES) expect(nextStatuses(s)).toEqual([]);
  });

  it("only reaches running through the queue, and approval only from awaiting_approval", () => {
    const into = (to: string) => RUN_STATUSES.filter((from) => nextStatuses(from).includes(to as never));
    expect(into("running")).toEqual(["queued", "running", "waiting"]);
    expect(into("queued")).toEqual(["awaiting_approval"]);
    expect(into("declined")).toEqual(["awaiting_approval"]);
    expect(into("awaiting_approval")).toEqual([]);
  });
});

describe("describePolicy", () => {
  it("reads like the design's policies", () => {
    expect(describePolicy({ approvers: 1, roles: ["sre"], changeTicket: false })).toBe("1 approval (sre)");
    expect(describePolicy({ approvers: 2, roles: ["sre"], changeTicket: true })).toBe(
      "2 approvals (sre) and a change ticket",
    );
    expect(describePolicy({ approvers: 0, roles: [], changeTicket: true })).toBe("a change ticket");
  });
});
