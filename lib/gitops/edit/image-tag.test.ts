import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readImageTag, setImageTag } from "./image-tag";

const image = "registry.local/payments/payment-service";

const kustomization = `# Overlay for prod: edited by Slipway.

apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: backend-team-prod # owned by the platform team
resources:
  - ../../base
images:
  # the sidecar stays pinned by hand
  - name: registry.local/platform/sidecar
    newTag: 2.0.1
  - name: registry.local/payments/payment-service
    newTag: 1.10 # unquoted on purpose: must read as "1.10"
patches:
  - path: replica-patch.yaml
`;

describe("readImageTag", () => {
  it("reads the tag as written, not as a number", () => {
    expect(readImageTag(kustomization, image)).toBe("1.10");
    expect(readImageTag(kustomization, "registry.local/platform/sidecar")).toBe("2.0.1");
  });

  it("returns null when the image is not pinned or there is no images list", () => {
    expect(readImageTag(kustomization, "registry.local/other")).toBeNull();
    expect(readImageTag("kind: Kustomization\n", image)).toBeNull();
    expect(readImageTag("kind: Kustomization\nimages:\n", image)).toBeNull();
  });

  it("refuses a file that is not YAML", () => {
    expect(() => readImageTag("images: [\n", image)).toThrow(/kustomization.yaml is not valid YAML/);
  });
});

describe("setImageTag", () => {
  it("changes only the tag and keeps comments and order", () => {
    const updated = setImageTag(kustomization, image, "1.11.0");
    expect(readImageTag(updated, image)).toBe("1.11.0");
    expect(updated).toBe(kustomization.replace("newTag: 1.10 #", "newTag: 1.11.0 #"));
  });

  it("quotes a tag that would otherwise read as a number", () => {
    const updated = setImageTag(kustomization, image, "2.0");
    expect(updated).toContain('newTag: "2.0" # unquoted on purpose');
    expect(readImageTag(updated, image)).toBe("2.0");
  });

  it("is a no-op when the tag is already set", () => {
    const once = setImageTag(kustomization, image, "3.0.0");
    expect(setImageTag(once, image, "3.0.0")).toBe(once);
  });

  it("adds an entry for an image the overlay did not pin", () => {
    const updated = setImageTag("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", image, "0.2.0");
    expect(updated).toBe(
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ${image}\n    newTag: 0.2.0\n`,
    );
  });

  it("drops a digest that would override the tag", () => {
    const pinned = `images:\n  - name: ${image}\n    newTag: 1.0.0\n    digest: sha256:0123\n`;
    expect(setImageTag(pinned, image, "1.0.1")).toBe(`images:\n  - name: ${image}\n    newTag: 1.0.1\n`);
  });

  it("rejects an invalid tag with a field error", () => {
    try {
      setImageTag(kustomization, image, "not a tag");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.tag?.[0]).toMatch(/valid image tag/);
    }
  });

  it("refuses an images field that is not a list", () => {
    expect(() => setImageTag("images: nope\n", image, "1.0.0")).toThrow("kustomization.yaml: `images` is not a list");
  });
});
