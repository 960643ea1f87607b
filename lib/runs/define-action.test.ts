import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { registerAction, type RunContext } from "./define-action";
import type { RunPorts } from "./ports";

const input = z.object({ replicas: z.number().int().default(2), reason: z.string().trim() });

const action = (execute = vi.fn(async (_ctx: RunContext, i: z.output<typeof input>) => ({ got: i }))) => ({
  execute,
  registered: registerAction({
    id: "demo",
    title: "Demo",
    description: "",
    blueprint: "deployment",
    trigger: "day-2",
    input,
    permission: { execute: ["developer"], approve: ["sre"] },
    approval: (i) => (i.replicas > 5 ? { environment: "prod" } : null),
    check: async (i) => (i.reason === "" ? { reason: ["Say why"] } : null),
    execute,
  }),
});

describe("registerAction", () => {
  it("hands each hook the input parsed by the action's own schema", async () => {
    const { registered } = action();
    const ctx = {} as RunContext;
    expect(await registered.execute(ctx, { reason: "  spike " })).toEqual({ got: { replicas: 2, reason: "spike" } });
    expect(await registered.check!({ reason: "   " }, null, {} as RunPorts)).toEqual({ reason: ["Say why"] });
    const requester = { id: "u", email: "u@example.com", roles: [] };
    expect(registered.approval!({ replicas: 6, reason: "x" }, null, requester)).toEqual({ environment: "prod" });
  });

  it("refuses stored input the schema rejects before the executor runs", async () => {
    const { registered, execute } = action();
    await expect(registered.execute({} as RunContext, { replicas: "many" })).rejects.toThrow();
    expect(execute).not.toHaveBeenCalled();
  });
});
