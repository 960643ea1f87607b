import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The lint rule that keeps actions/ out of lib/: only the composition root may import the registry.
const eslint = new ESLint();
const ruleIds = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

// ESLint loads its whole configuration on the first lint: seconds on a busy machine.
describe("import boundaries", { timeout: 60_000 }, () => {
  it("fails lint on an import from actions/ in lib/, by alias or relative path", async () => {
    expect(await ruleIds('export { builtinActions } from "@/actions/registry";\n', "lib/runs/x.ts")).toContain(
      "no-restricted-imports",
    );
    expect(await ruleIds('export { scaleAction } from "../../actions/scale";\n', "lib/runs/x.ts")).toContain(
      "no-restricted-imports",
    );
    expect(
      await ruleIds('export { builtinActions } from "@/actions/registry";\n', "lib/integrations/sandbox-git/x.ts"),
    ).toContain("no-restricted-imports");
  });

  it("lets the composition root and code outside lib/ import actions/", async () => {
    expect(await ruleIds('export { builtinActions } from "@/actions/registry";\n', "lib/wiring.ts")).toEqual([]);
    expect(await ruleIds('export { builtinActions } from "@/actions/registry";\n', "worker/x.ts")).toEqual([]);
    expect(await ruleIds('export { getRunWiring } from "@/lib/runs/run-wiring";\n', "lib/runs/x.ts")).toEqual([]);
  });

  it("still keeps vendor SDKs inside lib/integrations/", async () => {
    expect(await ruleIds('export { Api } from "gitea-js";\n', "lib/runs/x.ts")).toContain("no-restricted-imports");
  });
});
