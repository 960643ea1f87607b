import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";
import { runAwaitingApproval } from "./ux-helpers";

// axe-core (through @axe-core/playwright) on the pages people use most, in both themes: no serious
// or critical violation. Moderate and minor ones are printed but do not fail the check.
for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical accessibility violation, ${colorScheme} theme`, async ({ browser }) => {
    test.setTimeout(180_000);
    const run = await runAwaitingApproval(browser);
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await signInAs(page, "Ada Moreau");
    const pages = {
      home: "/",
      catalog: "/catalog/service",
      entity: "/catalog/service/ledger",
      run: run.url,
      approvals: "/runs?view=approvals",
      audit: "/admin/audit",
    };
    const found: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations) {
        const line = `${name} ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
        if (v.impact === "serious" || v.impact === "critical") found.push(line);
        else console.log(`[a11y, not failing] ${line}`);
      }
    }
    await context.close();
    await run.withdraw();
    expect(found).toEqual([]);
  });
}
