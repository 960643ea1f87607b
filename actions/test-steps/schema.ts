import { z } from "zod";

// Test-only: a run of numbered steps that record themselves in the run log, so tests can count how
// often each one really executed.
export const testStepsInput = z.object({
  steps: z.number().int().min(1).max(20).default(4),
  /** After this many steps, wait (outside any step) until `gateFile` exists. */
  pauseAfter: z.number().int().min(0).max(20).optional(),
  gateFile: z.string().optional(),
  /** Inside this step, after it read the repository's head and before it commits, wait for `gateFile`. */
  pauseInside: z.number().int().min(1).max(20).optional(),
  /**
   * `<owner>/<name>` of a repository the run creates (undone by deleting it), each step committing
   * `step-<i>.txt` against the head it read: the shape of create-microservice's commit steps.
   */
  repo: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
    .optional(),
  /**
   * First of all, commit `test-runs/<run id>.txt` to the GitOps repository (step `commit-gitops`,
   * retried on lost races like the GitOps actions): one commit per run, however often it resumes.
   */
  gitops: z.boolean().default(false),
  /** This step throws, so earlier steps are compensated. */
  failAt: z.number().int().min(1).max(20).optional(),
  delayMs: z.number().int().min(0).max(5000).default(0),
  /** Each step keeps the event loop busy (synchronously) this long: a CPU-bound step. */
  busyMs: z.number().int().min(0).max(20_000).default(0),
  /** At the end, wait (status `waiting`, as for ArgoCD) until this file exists; "fail" in it fails the run. */
  waitFile: z.string().optional(),
});
export type TestStepsInput = z.infer<typeof testStepsInput>;
