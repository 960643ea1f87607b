// Every react-query key in one place, so invalidation stays consistent.
export const queryKeys = {
  blueprints: () => ["blueprints"] as const,
  blueprint: (id: string) => ["blueprints", id] as const,
  entities: (blueprint: string, params: Record<string, string> = {}) => ["entities", blueprint, params] as const,
  entity: (blueprint: string, id: string) => ["entities", blueprint, "detail", id] as const,
  tokens: () => ["tokens"] as const,
  runs: () => ["runs"] as const,
  run: (id: string) => ["runs", "detail", id] as const,
  importRuns: () => ["imports", "runs"] as const,
  search: (q: string) => ["search", q] as const,
  runGate: (id: string) => ["runs", "gate", id] as const,
  policies: () => ["policies"] as const,
};
