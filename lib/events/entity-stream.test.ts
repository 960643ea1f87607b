import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const handlers = new Map<string, () => void>();
vi.mock("./pg-listener", () => ({
  subscribe: async (_channel: string, topic: string, onEvent: () => void) => {
    handlers.set(topic, onEvent);
    return () => handlers.delete(topic);
  },
}));

const { streamEntityChanges } = await import("./entity-stream");

async function open(topics: string[]) {
  const reader = streamEntityChanges(topics, new AbortController().signal).getReader();
  const decoder = new TextDecoder();
  const received: string[] = [];
  let pending: Promise<void> | null = null;
  // Reads in the background; `received` holds every event name sent so far.
  const pump = () =>
    (pending = reader.read().then(({ value, done }) => {
      if (done) return;
      for (const m of decoder.decode(value).matchAll(/event: (\w+)/g)) received.push(m[1]!);
      pump();
    }));
  pump();
  await vi.advanceTimersByTimeAsync(0);
  return { received, stop: () => reader.cancel().then(() => pending) };
}

describe("entity change stream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    handlers.clear();
  });

  it("sends a lone change at once, and coalesces a burst that follows into one event per window", async () => {
    const stream = await open(["deployment/cart-dev"]);
    expect(stream.received).toEqual(["ready"]);
    handlers.get("deployment/cart-dev")!();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.received).toEqual(["ready", "change"]);
    // A burst right after: nothing until the window since the last event has passed, then one event.
    for (let i = 0; i < 5; i++) handlers.get("deployment/cart-dev")!();
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.received).toEqual(["ready", "change"]);
    await vi.advanceTimersByTimeAsync(200);
    expect(stream.received).toEqual(["ready", "change", "change"]);
    await stream.stop();
  });
});
