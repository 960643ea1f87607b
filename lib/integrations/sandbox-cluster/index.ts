// Sandbox mode's cluster: a ClusterPort over shared state files, and the ArgoCD simulator that drives them.
export { createSandboxCluster, type SandboxCluster, type SandboxClusterOptions } from "./sandbox-cluster";
export { startSimulator, type Simulator, type SimulatorOptions } from "./simulator";
export type { RemoteGit } from "./remote-mirror";
export type { HistoryEntry } from "./state-types";
export type { SimulatorLog, WebhookTarget } from "./webhook-sender";
