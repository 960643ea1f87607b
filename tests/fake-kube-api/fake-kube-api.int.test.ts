import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeKubeApi, startFakeKubeApi } from "./fake-kube-api";

// The fake itself, over raw HTTP: the kube-apiserver behaviours the adapter's tests rely on.

let api: FakeKubeApi;
beforeEach(async () => {
  api = await startFakeKubeApi();
});
afterEach(async () => {
  await api.close();
});

const base = "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications";
const app = (targetRevision: string) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: { name: "web-dev" },
  spec: { project: "default", source: { targetRevision } },
});

type Obj = Record<string, unknown> & { metadata: { resourceVersion: string } };

async function call<T = Obj>(method: string, path: string, body?: unknown, contentType = "application/json") {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, "content-type": contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text.split("\n")[0]!) as T) : null, text };
}

const apply = (body: unknown, manager: string, force = false) =>
  call("PATCH", `${base}/web-dev?fieldManager=${manager}&force=${force}`, body, "application/apply-patch+yaml");

describe("fake kube-apiserver", () => {
  it("creates with apply (201), no-ops an identical apply, bumps resourceVersion on change", async () => {
    const created = await apply(app("main"), "slipway");
    expect(created.status).toBe(201);
    const again = await apply(app("main"), "slipway");
    expect(again.status).toBe(200);
    expect(again.body!.metadata.resourceVersion).toBe(created.body!.metadata.resourceVersion);
    const changed = await apply(app("v2"), "slipway");
    expect(Number(changed.body!.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.body!.metadata.resourceVersion),
    );
  });

  it("answers a non-forced apply over another manager's field with 409 and FieldManagerConflict causes", async () => {
    await apply(app("main"), "slipway");
    await apply(app("hotfix"), "argocd-server", true);
    const conflict = await apply(app("main"), "slipway");
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      kind: "Status",
      reason: "Conflict",
      code: 409,
      details: { causes: [{ type: "FieldManagerConflict", field: ".spec.source.targetRevision" }] },
    });
    // Equal values are shared, not conflicting.
    expect((await apply(app("hotfix"), "slipway")).status).toBe(200);
  });

  it("refuses stale resourceVersions on PUT and merge patch with 409, and PUT without one with 422", async () => {
    const created = (await apply(app("main"), "slipway")).body!;
    api.setApplicationStatus("web-dev", { health: { status: "Healthy" } });
    // `created` carries the resourceVersion from before ArgoCD's status write.
    expect((await call("PUT", `${base}/web-dev`, created)).status).toBe(409);
    expect((await call("PUT", `${base}/web-dev`, { ...created, metadata: { name: "web-dev" } })).status).toBe(422);
    expect(
      (
        await call(
          "PATCH",
          `${base}/web-dev`,
          { metadata: { resourceVersion: created.metadata.resourceVersion }, operation: {} },
          "application/merge-patch+json",
        )
      ).body,
    ).toMatchObject({ code: 409, reason: "Conflict" });
    expect(
      (await call("PATCH", `${base}/web-dev`, { operation: { sync: {} } }, "application/merge-patch+json")).status,
    ).toBe(200);
  });

  it("streams a watch from a resourceVersion and ends an expired one with an ERROR event (410 Expired)", async () => {
    const created = (await apply(app("main"), "slipway")).body!;
    const rv = created.metadata.resourceVersion;
    const controller = new AbortController();
    const res = await fetch(`${api.url}${base}?watch=true&resourceVersion=${rv}`, {
      headers: { authorization: `Bearer ${api.token}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await apply(app("v2"), "slipway");
    const { value } = await reader.read();
    expect(JSON.parse(new TextDecoder().decode(value))).toMatchObject({
      type: "MODIFIED",
      object: { spec: { source: { targetRevision: "v2" } } },
    });
    controller.abort();

    api.compactHistory();
    const expired = await call("GET", `${base}?watch=true&resourceVersion=${rv}`);
    expect(expired.status).toBe(200);
    expect(expired.body).toEqual({
      type: "ERROR",
      object: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: expect.stringContaining("too old resource version"),
        reason: "Expired",
        code: 410,
      },
    });
  });

  it("pages a list from one snapshot and refuses requests without the token", async () => {
    for (const name of ["a", "b", "c"])
      await call(
        "PATCH",
        `${base}/${name}?fieldManager=t`,
        { ...app("main"), metadata: { name } },
        "application/apply-patch+yaml",
      );
    type Page = { items: { metadata: { name: string } }[]; metadata: { continue?: string } };
    const first = (await call<Page>("GET", `${base}?limit=2`)).body!;
    await call("DELETE", `${base}/c`);
    const second = (await call<Page>("GET", `${base}?limit=2&continue=${first.metadata.continue}`)).body!;
    expect([...first.items, ...second.items].map((i) => i.metadata.name)).toEqual(["a", "b", "c"]);
    expect(second.metadata.continue).toBeUndefined();
    expect((await fetch(`${api.url}${base}`)).status).toBe(401);
  });
});
