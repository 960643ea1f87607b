import { isBatch, type ServiceSpec } from "../service-spec";

// Standard library only: no go.sum to keep in step, and the skeleton builds offline.
const goMod = (spec: ServiceSpec) => `module ${spec.name}\n\ngo 1.23\n`;

const serverImports = [
  "context",
  "encoding/json",
  "fmt",
  "log/slog",
  "net/http",
  "os",
  "os/signal",
  "sync/atomic",
  "syscall",
  "time",
];

// gofmt order, so the generated code passes `gofmt -l` untouched.
const renderGoImports = (names: string[]) =>
  `import (\n${[...names]
    .sort()
    .map((n) => `\t"${n}"`)
    .join("\n")}\n)\n`;

const serverGo = (spec: ServiceSpec) => `package main

${renderGoImports(spec.template === "web-app" ? [...serverImports, "embed", "io/fs"] : serverImports)}${spec.template === "web-app" ? "\n//go:embed static\nvar static embed.FS\n" : ""}
var requests atomic.Int64

func writeJSON(w http.ResponseWriter, v any) {
\tw.Header().Set("Content-Type", "application/json")
\t_ = json.NewEncoder(w).Encode(v)
}

func newMux() *http.ServeMux {
\tmux := http.NewServeMux()
\tmux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, map[string]string{"status": "ok"}) })
\t// Readiness: add checks for DATABASE_URL / REDIS_URL dependencies here when the service uses them.
\tmux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, map[string]string{"status": "ready"}) })
\tmux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
\t\tw.Header().Set("Content-Type", "text/plain; version=0.0.4")
\t\tfmt.Fprintf(w, "# TYPE http_requests_total counter\\nhttp_requests_total %d\\n", requests.Load())
\t})
${
  spec.template === "web-app"
    ? `\tsite, _ := fs.Sub(static, "static")\n\tfiles := http.FileServer(http.FS(site))\n\tmux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {\n\t\trequests.Add(1)\n\t\tfiles.ServeHTTP(w, r)\n\t})\n`
    : `\tmux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {\n\t\trequests.Add(1)\n\t\twriteJSON(w, map[string]string{"service": "${spec.name}", "version": os.Getenv("APP_VERSION")})\n\t})\n`
}\treturn mux
}

func main() {
\tport := os.Getenv("PORT")
\tif port == "" {
\t\tport = "${spec.port}"
\t}
\tserver := &http.Server{Addr: ":" + port, Handler: newMux(), ReadHeaderTimeout: 5 * time.Second}
\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
\tdefer stop()
\tgo func() {
\t\tslog.Info("listening", "port", port)
\t\tif err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
\t\t\tslog.Error("server failed", "error", err)
\t\t\tos.Exit(1)
\t\t}
\t}()
\t<-ctx.Done()
\t// Kubernetes sends SIGTERM before killing the pod: finish in-flight requests first.
\tshutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
\tdefer cancel()
\t_ = server.Shutdown(shutdown)
}
`;

const serverTestGo = `package main

import (
\t"net/http"
\t"net/http/httptest"
\t"testing"
)

func TestProbesAnswerOK(t *testing.T) {
\tmux := newMux()
\tfor _, path := range []string{"/healthz", "/readyz", "/metrics", "/"} {
\t\trec := httptest.NewRecorder()
\t\tmux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
\t\tif rec.Code != http.StatusOK {
\t\t\tt.Errorf("GET %s: status %d", path, rec.Code)
\t\t}
\t}
}
`;

const jobGo = (spec: ServiceSpec) => `package main

import (
\t"context"
\t"log/slog"
\t"os"
)

// run is one run of the ${spec.name} job. An error fails the run; Kubernetes retries it (backoffLimit).
func run(ctx context.Context, log *slog.Logger) (int, error) {
\tlog.Info("job started", "environment", os.Getenv("ENVIRONMENT"))
\t// The job's work goes here. DATABASE_URL / REDIS_URL are set when the service has them.
\tprocessed := 0
\tlog.Info("job finished", "processed", processed)
\treturn processed, ctx.Err()
}

func main() {
\tlog := slog.New(slog.NewJSONHandler(os.Stdout, nil))
\tif _, err := run(context.Background(), log); err != nil {
\t\tlog.Error("job failed", "error", err)
\t\tos.Exit(1)
\t}
}
`;

const jobTestGo = `package main

import (
\t"context"
\t"io"
\t"log/slog"
\t"testing"
)

func TestRunCompletes(t *testing.T) {
\tprocessed, err := run(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)))
\tif err != nil || processed != 0 {
\t\tt.Fatalf("run() = %d, %v", processed, err)
\t}
}
`;

export function renderGoSources(spec: ServiceSpec): Record<string, string> {
  if (isBatch(spec)) return { "go.mod": goMod(spec), "main.go": jobGo(spec), "main_test.go": jobTestGo };
  return { "go.mod": goMod(spec), "main.go": serverGo(spec), "main_test.go": serverTestGo };
}
