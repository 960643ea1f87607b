import { getOverlayPaths } from "../paths";
import { getRuntimeProfile } from "../runtime";
import type { Language, ServiceSpec } from "../service-spec";
import { toYamlFile } from "../yaml-file";
import { getRegistryHost, type AppRepoOptions } from "./app-repo-options";

const testSteps: Record<Language, { name: string; run: string }[]> = {
  java: [{ name: "Test", run: "mvn -B verify" }],
  node: [
    { name: "Install", run: "npm install --no-audit --no-fund" },
    { name: "Test", run: "npm test" },
  ],
  go: [
    { name: "Vet", run: "go vet ./..." },
    { name: "Test", run: "go test ./..." },
  ],
  python: [
    { name: "Install", run: "pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt" },
    { name: "Test", run: "python -m pytest -q" },
  ],
};

const onMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
const checkout = { uses: "actions/checkout@v4" };
const trivy = "aquasecurity/trivy-action@0.28.0";

// Edits the overlay with the same `yaml` Document API Slipway uses, so comments survive the bump.
const bumpScript = `npm install --no-save --no-audit --no-fund --prefix /tmp/bump yaml@2.9.1
node <<'JS'
const fs = require("node:fs");
const YAML = require("/tmp/bump/node_modules/yaml");
const file = \`\${process.env.OVERLAY}/kustomization.yaml\`;
const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
const entry = doc.get("images")?.items?.find((item) => item.get("name") === process.env.IMAGE);
if (!entry) {
  console.error(\`\${process.env.IMAGE} is not pinned in \${file}\`);
  process.exit(1);
}
entry.set("newTag", process.env.TAG);
fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
JS`;

// Another service's pipeline may push to the GitOps repo at the same moment: rebase and retry.
const pushScript = `git config user.name "forgejo-actions"
git config user.email "forgejo-actions@noreply.invalid"
git add "$OVERLAY/kustomization.yaml"
git diff --cached --quiet && { echo "dev already runs $TAG"; exit 0; }
git commit -m "$SERVICE: deploy $TAG to $ENVIRONMENT" -m "Source: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/commit/$GITHUB_SHA"
for attempt in 1 2 3; do
  git push origin HEAD:main && exit 0
  git pull --rebase origin main
done
exit 1`;

/**
 * Forgejo Actions pipeline: test, scan the sources, build + scan + push the image (main only),
 * then pin the dev overlay of the GitOps repo to the new tag.
 */
export function renderCiWorkflow(spec: ServiceSpec, opts: AppRepoOptions): string {
  const devEnvironment = opts.devEnvironment ?? "dev";
  const workflow = {
    name: "ci",
    on: { push: { branches: ["main"] }, pull_request: { branches: ["main"] } },
    env: { IMAGE: spec.image, TAG: "${{ github.sha }}" },
    jobs: {
      test: {
        "runs-on": "ubuntu-latest",
        container: { image: getRuntimeProfile(spec.language).ciImage },
        steps: [checkout, ...testSteps[spec.language]],
      },
      scan: {
        "runs-on": "ubuntu-latest",
        steps: [
          checkout,
          {
            name: "Scan dependencies, secrets and Dockerfile",
            uses: trivy,
            with: {
              "scan-type": "fs",
              "scan-ref": ".",
              scanners: "vuln,secret,misconfig",
              severity: "HIGH,CRITICAL",
              "exit-code": "1",
            },
          },
        ],
      },
      build: {
        needs: ["test", "scan"],
        "runs-on": "ubuntu-latest",
        steps: [
          checkout,
          { uses: "docker/setup-buildx-action@v3" },
          {
            name: "Build",
            uses: "docker/build-push-action@v6",
            with: { context: ".", load: true, tags: "${{ env.IMAGE }}:${{ env.TAG }}" },
          },
          {
            name: "Scan image",
            uses: trivy,
            with: {
              "image-ref": "${{ env.IMAGE }}:${{ env.TAG }}",
              severity: "HIGH,CRITICAL",
              "ignore-unfixed": true,
              "exit-code": "1",
            },
          },
          {
            name: "Log in to the registry",
            if: onMain,
            uses: "docker/login-action@v3",
            with: {
              registry: getRegistryHost(spec.image),
              username: "${{ secrets.REGISTRY_USER }}",
              password: "${{ secrets.REGISTRY_PASSWORD }}",
            },
          },
          { name: "Push", if: onMain, run: 'docker push "$IMAGE:$TAG"' },
        ],
      },
      "bump-dev": {
        needs: ["build"],
        if: onMain,
        "runs-on": "ubuntu-latest",
        container: { image: "node:20-bookworm" },
        env: {
          GITOPS_REPO: opts.gitopsRepoUrl ?? "${{ vars.GITOPS_REPO_URL }}",
          GITOPS_TOKEN: "${{ secrets.GITOPS_TOKEN }}",
          OVERLAY: getOverlayPaths(spec.name, devEnvironment).dir,
          SERVICE: spec.name,
          ENVIRONMENT: devEnvironment,
        },
        steps: [
          {
            name: "Clone the GitOps repository",
            run: [
              'git -c http.extraHeader="Authorization: token $GITOPS_TOKEN" clone --depth 20 "$GITOPS_REPO" gitops',
              'git -C gitops config http.extraHeader "Authorization: token $GITOPS_TOKEN"',
            ].join("\n"),
          },
          { name: `Pin ${devEnvironment} to this build`, "working-directory": "gitops", run: bumpScript },
          { name: "Commit and push", "working-directory": "gitops", run: pushScript },
        ],
      },
    },
  };
  return toYamlFile(
    workflow,
    `Generated by Slipway for ${spec.name}. Secrets: REGISTRY_USER, REGISTRY_PASSWORD, GITOPS_TOKEN.`,
  );
}
