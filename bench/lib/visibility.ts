import { percentile } from "./http";
import { postStatus } from "./webhook";

// From an ArgoCD status change arriving to a client seeing it: by reading the entity through the API
// right after the webhook answers, and by an open server-sent-events stream receiving its `change`.

export type Visibility = { apiP50: number; apiP99: number; sseP50: number; sseP99: number; samples: number };

const r = (v: number) => Math.round(v * 10) / 10;

export async function measureVisibility(
  base: string,
  token: string,
  deployment: string,
  samples = 100,
): Promise<Visibility> {
  const auth = { authorization: `Bearer ${token}` };
  const api: number[] = [];
  for (let i = 0; i < samples; i++) {
    const version = `vis-api-${i}`;
    const t = performance.now();
    await postStatus(base, deployment, i % 2 ? "Healthy" : "Progressing", version);
    for (let tries = 0; ; tries++) {
      const res = await fetch(`${base}/api/v1/blueprints/deployment/entities/${deployment}`, { headers: auth });
      const e = (await res.json()) as { properties?: { version?: string } };
      if (e.properties?.version === version) break;
      if (tries > 200) throw new Error(`status change ${version} never became visible through the API`);
    }
    api.push(performance.now() - t);
  }

  const controller = new AbortController();
  const stream = await fetch(`${base}/api/v1/events?topics=deployment/${deployment}`, {
    headers: { ...auth, accept: "text/event-stream" },
    signal: controller.signal,
  });
  if (!stream.ok || !stream.body) throw new Error(`SSE stream refused: ${stream.status}`);
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const nextEvent = async (name: string) => {
    for (;;) {
      const at = buffered.indexOf(`event: ${name}`);
      if (at >= 0) {
        const end = buffered.indexOf("\n\n", at);
        if (end >= 0) {
          buffered = buffered.slice(end + 2);
          return;
        }
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("SSE stream ended");
      buffered += decoder.decode(value, { stream: true });
    }
  };
  const sse: number[] = [];
  try {
    await nextEvent("ready"); // subscribed from here on
    // Spaced past the stream's 250 ms coalescing window: each sample is a lone change, not a burst.
    for (let i = 0; i < samples / 2; i++) {
      await new Promise((res) => setTimeout(res, 260));
      const t = performance.now();
      const got = nextEvent("change");
      await postStatus(base, deployment, i % 2 ? "Healthy" : "Degraded", `vis-sse-${i}`);
      await got;
      sse.push(performance.now() - t);
    }
  } finally {
    controller.abort();
  }
  return {
    apiP50: r(percentile(api, 50)),
    apiP99: r(percentile(api, 99)),
    sseP50: r(percentile(sse, 50)),
    sseP99: r(percentile(sse, 99)),
    samples,
  };
}
