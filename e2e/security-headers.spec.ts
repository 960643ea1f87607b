import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Pages must work under the Content-Security-Policy they are served with: a violation is an error.
test("every page and API answer carries the security headers, and the pages break no CSP rule", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  await signInAs(page, "Dana Okafor");
  for (const path of [
    "/",
    "/catalog/service/ledger",
    "/catalog/deployment",
    "/runs",
    "/actions",
    "/actions/create-microservice/new",
    "/me",
  ]) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  const api = await page.request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(violations).toEqual([]);
});
