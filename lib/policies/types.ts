// The parts of a Kyverno ClusterPolicy Slipway reads (kyverno.io/v1). Everything is optional: the
// policy is user YAML, and a rule Slipway cannot read is reported "not evaluated", never passed.

export type K8sObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
};

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

export type ResourceDescription = {
  kinds?: string[];
  names?: string[];
  name?: string;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  selector?: LabelSelector;
  annotations?: Record<string, string>;
};

export type ResourceFilter = { resources?: ResourceDescription };
export type MatchBlock = { any?: ResourceFilter[]; all?: ResourceFilter[]; resources?: ResourceDescription };

export type Condition = { key?: unknown; operator?: string; value?: unknown; message?: string };
export type Conditions = Condition[] | { any?: Condition[]; all?: Condition[] };

export type ContextEntry = {
  name: string;
  apiCall?: { urlPath?: string; method?: string; jmesPath?: string; default?: unknown };
  variable?: { value?: unknown; jmesPath?: string; default?: unknown };
  [other: string]: unknown;
};

export type Rule = {
  name: string;
  match?: MatchBlock;
  exclude?: MatchBlock;
  context?: ContextEntry[];
  preconditions?: Conditions;
  validate?: {
    message?: string;
    pattern?: unknown;
    anyPattern?: unknown[];
    deny?: { conditions?: Conditions };
    [other: string]: unknown;
  };
  verifyImages?: unknown;
  mutate?: unknown;
  generate?: unknown;
};

export type ClusterPolicy = {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { rules: Rule[]; validationFailureAction?: string; background?: boolean };
};

/**
 * pass/fail as Kyverno reports them; skip: the rule does not apply (a conditional anchor or a
 * precondition); not-evaluated: Slipway cannot decide it (verifyImages needs the registry).
 */
export type CheckOutcome = "pass" | "fail" | "skip" | "not-evaluated";

export type CheckResult = {
  policy: string;
  rule: string;
  /** Kind/namespace/name of the rendered object checked. */
  resource: string;
  result: CheckOutcome;
  message: string;
};

/** What the rendered bundle's namespaces carry as labels (namespaceSelector). */
export type NamespaceLabels = Record<string, Record<string, string>>;
