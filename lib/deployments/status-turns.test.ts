import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { inTurn } from "./status-turns";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("inTurn", () => {
  it("runs calls for one key one at a time, in arrival order, and other keys alongside", async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await later(5);
      log.push(`end ${name}`);
      running--;
    };
    await Promise.all([inTurn("a", 1000, job("a1")), inTurn("a", 1000, job("a2")), inTurn("a", 1000, job("a3"))]);
    expect(log).toEqual(["start a1", "end a1", "start a2", "end a2", "start a3", "end a3"]);
    expect(most).toBe(1);
    log.length = 0;
    await Promise.all([inTurn("b", 1000, job("b")), inTurn("c", 1000, job("c"))]);
    expect(log.slice(0, 2).sort()).toEqual(["start b", "start c"]);
  });

  it("answers unavailable when the turn does not come in time, and keeps later callers in order", async () => {
    let release = () => {};
    const slow = inTurn("d", 1000, () => new Promise<void>((resolve) => (release = resolve)));
    const impatient = inTurn("d", 20, async () => "ran").catch((e: unknown) => e);
    const err = await impatient;
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unavailable");
    let third = false;
    const next = inTurn("d", 1000, async () => (third = true));
    await later(10);
    // The one that gave up did not let the next one past the slow one still running.
    expect(third).toBe(false);
    release();
    await slow;
    await next;
    expect(third).toBe(true);
  });
});
