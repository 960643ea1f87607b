import { isBatch, type ServiceSpec } from "../service-spec";

const requirements = (spec: ServiceSpec) =>
  isBatch(spec)
    ? "# Runtime dependencies of the job.\n"
    : "fastapi==0.115.6\nuvicorn==0.32.1\nprometheus-client==0.21.1\n";

const requirementsDev = (spec: ServiceSpec) => (isBatch(spec) ? "pytest==8.3.4\n" : "pytest==8.3.4\nhttpx==0.28.1\n");

const mainPy = (spec: ServiceSpec) => `import os

from fastapi import FastAPI
${spec.template === "web-app" ? "from fastapi.staticfiles import StaticFiles\n" : ""}from prometheus_client import Counter, make_asgi_app

app = FastAPI(title="${spec.name}")
requests_total = Counter("http_requests_total", "HTTP requests", ["route"])


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


# Readiness: add checks for DATABASE_URL / REDIS_URL dependencies here when the service uses them.
@app.get("/readyz")
def readyz() -> dict:
    return {"status": "ready"}


app.mount("/metrics", make_asgi_app())
${
  spec.template === "web-app"
    ? `# Mounted last: every route above wins over a file of the same name.\napp.mount("/", StaticFiles(directory=os.path.join(os.path.dirname(__file__), "..", "static"), html=True))\n`
    : `\n\n@app.get("/")\ndef root() -> dict:\n    requests_total.labels(route="/").inc()\n    return {"service": "${spec.name}", "version": os.environ.get("APP_VERSION", "dev")}\n`
}`;

const testMainPy = `from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_probes_answer_ok():
    for path in ("/healthz", "/readyz", "/"):
        assert client.get(path).status_code == 200, path


def test_metrics_are_exposed():
    assert "http_requests_total" in client.get("/metrics/").text
`;

const jobPy = (
  spec: ServiceSpec,
) => `"""One run of the ${spec.name} job. A non-zero exit fails the run; Kubernetes retries it (backoffLimit)."""

import json
import os
import sys


def log(msg: str, **fields) -> None:
    print(json.dumps({"level": "info", "msg": msg, **fields}), flush=True)


def run() -> int:
    log("job started", environment=os.environ.get("ENVIRONMENT", "local"))
    # The job's work goes here. DATABASE_URL / REDIS_URL are set when the service has them.
    processed = 0
    log("job finished", processed=processed)
    return processed


if __name__ == "__main__":
    try:
        run()
    except Exception as error:  # noqa: BLE001 - report any failure as a failed run
        print(json.dumps({"level": "error", "msg": "job failed", "error": str(error)}), file=sys.stderr)
        sys.exit(1)
`;

const testJobPy = `from app.job import run


def test_run_completes():
    assert run() == 0
`;

export function renderPythonSources(spec: ServiceSpec): Record<string, string> {
  const common = {
    "requirements.txt": requirements(spec),
    "requirements-dev.txt": requirementsDev(spec),
    "app/__init__.py": "",
    "tests/__init__.py": "",
    // Lets pytest import `app` from the repository root.
    "pytest.ini": "[pytest]\npythonpath = .\n",
  };
  if (isBatch(spec)) return { ...common, "app/job.py": jobPy(spec), "tests/test_job.py": testJobPy };
  return { ...common, "app/main.py": mainPy(spec), "tests/test_main.py": testMainPy };
}
