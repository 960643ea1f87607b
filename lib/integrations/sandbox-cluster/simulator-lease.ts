import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { readJson, writeJsonAtomic } from "./state-store";

type Lease = { owner: string; pid: number; expiresAt: number };

/**
 * Only one simulator drives a root at a time (two would double every rollout and notification):
 * the holder renews a lease file each tick; another takes over once it has expired. Two processes
 * racing for an expired lease both write, and the one whose write lost sees it on its next tick,
 * so at worst they overlap for one tick.
 */
export function createSimulatorLease(file: string, leaseMs: number) {
  const owner = randomUUID();

  return {
    owner,
    /** True when this simulator holds the lease (renewed) for the next leaseMs. */
    async hold(now: number): Promise<boolean> {
      const current = await readJson<Lease>(file).catch(() => null);
      if (current && current.owner !== owner && current.expiresAt > now) return false;
      await writeJsonAtomic(file, { owner, pid: process.pid, expiresAt: now + leaseMs } satisfies Lease);
      return true;
    },
    async release(): Promise<void> {
      const current = await readJson<Lease>(file).catch(() => null);
      if (current?.owner === owner) await fs.rm(file, { force: true });
    },
  };
}
