import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import pg from "pg";

// Real Slipway processes on one database for the scale test: web replicas through the launcher
// (`npm start` with DATABASE_URL and SLIPWAY_WORKER=false, as a web Deployment runs it) and
// workers as `worker/index.ts` alone (as a worker Deployment runs it), on the Playwright tier's build.

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function track(child: ChildProcess): Proc {
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export function startWeb(env: Record<string, string>): Proc {
  // Its own process group: stopping it stops the launcher's web server too.
  return track(
    spawn("npm", ["start"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true }),
  );
}

export function startWorker(env: Record<string, string>): Proc {
  return track(
    spawn(process.execPath, ["--import", tsxLoader, "worker/index.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

export function stopGroup(p: Proc, signal: NodeJS.Signals = "SIGKILL"): void {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    p.child.kill(signal);
  }
}

export async function onDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const TERMINAL = ["succeeded", "failed", "declined", "cancelled"];

export type SseEvent = { id?: string; event: string; data: string };

/**
 * A server-sent event client (what the browser's EventSource does): reads the stream until the
 * server ends it, reconnecting with Last-Event-ID if the connection breaks first.
 */
export function followEvents(
  url: string,
  headers: Record<string, string>,
): { events: SseEvent[]; ended: Promise<void> } {
  const events: SseEvent[] = [];
  let lastId: string | undefined;
  const once = async (): Promise<boolean> => {
    const res = await fetch(url, { headers: { ...headers, ...(lastId ? { "last-event-id": lastId } : {}) } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((l) => !l.startsWith(":") && l.includes(":"))
            .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trimStart()]),
        );
        if (fields.id) lastId = fields.id;
        if (fields.data !== undefined)
          events.push({ id: fields.id, event: fields.event ?? "message", data: fields.data });
      }
    }
  };
  // The run stream ends once the run has; ended earlier (a replica stopping), it is reconnected.
  const finished = () => {
    const last = events.findLast((e) => e.event === "run");
    return last !== undefined && TERMINAL.includes((JSON.parse(last.data) as { status: string }).status);
  };
  const ended = (async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        if ((await once()) && finished()) return;
      } catch (err) {
        if (attempt === 19) throw err;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();
  return { events, ended };
}
