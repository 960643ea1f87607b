"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, Card, inputClass, secondaryButtonClass } from "@/components/ui/page-header";
import { apiFetch, ApiError } from "@/lib/http/client";
import type { PolicySummary } from "@/lib/policies/policy-admin";
import { queryKeys } from "@/lib/query-keys";

const describeWhere = (e: PolicySummary["environments"]) =>
  e === "*" ? "every gated environment" : e.length === 0 ? "disabled" : e.join(", ");

function errorText(e: unknown): string | null {
  if (!e) return null;
  if (e instanceof ApiError) return Object.values(e.fields).flat().join("; ") || e.message;
  return "The request failed; try again.";
}

function PolicyRow({ policy }: { policy: PolicySummary }) {
  const queryClient = useQueryClient();
  const [where, setWhere] = useState(policy.environments === "*" ? "*" : policy.environments.join(", "));
  const [open, setOpen] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      apiFetch<PolicySummary>(`/api/v1/policies/${policy.name}`, {
        method: "PATCH",
        body: {
          environments:
            where.trim() === "*"
              ? "*"
              : where
                  .split(",")
                  .map((s) => s.trim())
                  .filter(Boolean),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.policies() }),
  });
  return (
    <li className="space-y-2 py-3" data-testid="policy" data-policy={policy.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="break-words font-medium text-slate-800">
            {policy.title} <span className="font-mono text-xs text-slate-400">{policy.name}</span>
          </p>
          <p className="text-xs text-slate-500">
            {policy.category ?? "Uncategorised"} · {policy.file} · gates {describeWhere(policy.environments)}
          </p>
        </div>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(!open)}>
          {open ? "Hide YAML" : "View YAML"}
        </button>
      </div>
      {policy.problem ? <p className="text-sm text-red-600">Not evaluated: {policy.problem}</p> : null}
      <ul className="flex flex-wrap gap-1 text-xs">
        {policy.rules.map((r) => (
          <li key={r.name} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-slate-600">
            {r.name}
            {r.kind === "verifyImages" ? " (enforced at admission)" : ""}
          </li>
        ))}
      </ul>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="min-w-0 flex-1 text-sm">
          <span className="mb-1 block text-slate-600">
            Environments (&quot;*&quot; for all gated ones, empty to disable)
          </span>
          <input
            className={inputClass}
            name={`environments-${policy.name}`}
            value={where}
            onChange={(e) => setWhere(e.target.value)}
          />
        </label>
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          Save
        </button>
      </form>
      {errorText(save.error) ? (
        <p role="alert" className="text-sm text-red-600">
          {errorText(save.error)}
        </p>
      ) : null}
      {open ? (
        <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{policy.text}</pre>
      ) : null}
    </li>
  );
}

export function PolicyManager({ initial }: { initial: PolicySummary[] }) {
  const queryClient = useQueryClient();
  const { data: policies = initial } = useQuery({
    queryKey: queryKeys.policies(),
    queryFn: () => apiFetch<PolicySummary[]>("/api/v1/policies"),
    initialData: initial,
  });
  const [yaml, setYaml] = useState("");
  const [where, setWhere] = useState("prod");
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.policies() });
  const shipped = useMutation({
    mutationFn: () => apiFetch<PolicySummary[]>("/api/v1/policies/shipped", { method: "POST" }),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: () =>
      apiFetch<PolicySummary>("/api/v1/policies", {
        method: "POST",
        body: {
          yaml,
          environments:
            where.trim() === "*"
              ? "*"
              : where
                  .split(",")
                  .map((s) => s.trim())
                  .filter(Boolean),
        },
      }),
    onSuccess: () => {
      setYaml("");
      void refresh();
    },
  });
  return (
    <div className="space-y-4">
      <Card title={`In the GitOps repository (${policies.length})`}>
        {policies.length === 0 ? (
          <p className="text-sm text-slate-500">No policies yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {policies.map((p) => (
              <PolicyRow key={p.file} policy={p} />
            ))}
          </ul>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={shipped.isPending}
            onClick={() => shipped.mutate()}
          >
            Add the shipped policies (PCI-DSS, HIPAA, baseline)
          </button>
          {errorText(shipped.error) ? <span className="text-sm text-red-600">{errorText(shipped.error)}</span> : null}
        </div>
      </Card>
      <Card title="Upload a ClusterPolicy">
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            upload.mutate();
          }}
        >
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">YAML file</span>
            <input
              type="file"
              accept=".yaml,.yml"
              className="block w-full text-sm"
              onChange={async (e) => setYaml((await e.target.files?.[0]?.text()) ?? "")}
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">or paste it</span>
            <textarea
              className={`${inputClass} font-mono`}
              name="yaml"
              rows={8}
              value={yaml}
              onChange={(e) => setYaml(e.target.value)}
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">Gates environments (&quot;*&quot; for all gated ones)</span>
            <input
              className={inputClass}
              name="environments"
              value={where}
              onChange={(e) => setWhere(e.target.value)}
            />
          </label>
          {errorText(upload.error) ? (
            <p role="alert" className="text-sm text-red-600">
              {errorText(upload.error)}
            </p>
          ) : null}
          <button type="submit" className={buttonClass} disabled={upload.isPending || !yaml.trim()}>
            Commit policy
          </button>
        </form>
      </Card>
    </div>
  );
}
