import { describe, expect, it } from "vitest";
import { parseCommitPatch } from "./sandbox-diff";

const patch = `diff --git a/services/ledger/overlays/dev/kustomization.yaml b/services/ledger/overlays/dev/kustomization.yaml
index 1111111..2222222 100644
--- a/services/ledger/overlays/dev/kustomization.yaml
+++ b/services/ledger/overlays/dev/kustomization.yaml
@@ -10,3 +10,3 @@ images:
   - name: registry.local/payments/ledger
-    newTag: 1.4.5
+    newTag: 2.0.0
diff --git a/README.md b/README.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/README.md
@@ -0,0 +1 @@
+# ledger
diff --git a/old.txt b/old.txt
deleted file mode 100644
index 4444444..0000000
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-gone
`;

describe("parseCommitPatch", () => {
  it("gives each changed file its status and hunk lines", () => {
    const files = parseCommitPatch(patch);
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ["services/ledger/overlays/dev/kustomization.yaml", "modified"],
      ["README.md", "added"],
      ["old.txt", "deleted"],
    ]);
    expect(files[0]!.lines).toEqual([
      "@@ -10,3 +10,3 @@ images:",
      "   - name: registry.local/payments/ledger",
      "-    newTag: 1.4.5",
      "+    newTag: 2.0.0",
    ]);
    expect(files[1]!.lines).toEqual(["@@ -0,0 +1 @@", "+# ledger"]);
  });

  it("reads an empty patch as no files", () => {
    expect(parseCommitPatch("")).toEqual([]);
  });
});
