"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/page-header";
import { ApiError, apiFetch, type FieldErrors } from "@/lib/http/client";
import { SCOPES, type ApiToken, type Scope } from "@/lib/auth/token-schema";
import { queryKeys } from "@/lib/query-keys";
import { When } from "@/components/ui/when";
import { CopyButton } from "@/components/ui/copy-button";

const EXPIRY_CHOICES = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 366, label: "1 year" },
  { days: 0, label: "Never" },
] as const;

const SCOPE_HELP: Record<Scope, string> = {
  read: "read the catalog",
  write: "create and change entities",
  actions: "run actions and approve runs",
};

export function TokenManager({ initial }: { initial: ApiToken[] }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: queryKeys.tokens(),
    queryFn: () => apiFetch<{ items: ApiToken[] }>("/api/v1/tokens"),
    initialData: { items: initial },
  });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [fields, setFields] = useState<FieldErrors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [expiresInDays, setExpiresInDays] = useState(30);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      apiFetch<ApiToken & { secret: string }>("/api/v1/tokens", {
        method: "POST",
        body: { name, scopes, expiresInDays: expiresInDays || undefined },
      }),
    onSuccess: (token) => {
      setSecret(token.secret);
      setName("");
      setFields({});
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens() });
    },
    onError: (err) => setFields(err instanceof ApiError ? err.fields : {}),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens() });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    create.mutate();
  };
  const toggle = (s: Scope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <div className="space-y-4">
      {secret ? (
        <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Copy this token now; it will not be shown again:
          <div className="mt-1 flex items-start gap-2">
            <code data-testid="new-token" className="block min-w-0 flex-1 break-all font-mono text-xs">
              {secret}
            </code>
            <CopyButton text={secret} />
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          Name
          <input
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="ci pipeline"
          />
          {fields.name ? <span className="text-xs text-rose-700">{fields.name.join(" ")}</span> : null}
        </label>
        <fieldset className="text-sm">
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="mr-3" title={SCOPE_HELP[s]}>
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} /> {s}
            </label>
          ))}
          {fields.scopes ? <span className="block text-xs text-rose-700">{fields.scopes.join(" ")}</span> : null}
        </fieldset>
        <label className="text-sm">
          Expires after
          <select
            className={inputClass}
            value={expiresInDays}
            onChange={(e) => setExpiresInDays(Number(e.target.value))}
          >
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.days} value={c.days}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button className={buttonClass} type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.error && !(create.error instanceof ApiError && Object.keys(create.error.fields).length > 0) ? (
        <p role="alert" className="text-sm text-rose-700">
          {create.error.message}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Scopes</th>
              <th>Starts with</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.data.items.map((t) => (
              <tr key={t.id} className={t.revokedAt ? "text-slate-500" : ""}>
                <td className="py-2">{t.name}</td>
                <td>{t.scopes.join(", ")}</td>
                <td className="font-mono text-xs">{t.prefix}…</td>
                <td>
                  <When at={t.createdAt} />
                </td>
                <td>
                  <When at={t.expiresAt} empty="never" />
                </td>
                <td>
                  <When at={t.lastUsedAt} empty="never" />
                </td>
                <td className="text-right">
                  {t.revokedAt ? (
                    "revoked"
                  ) : confirming === t.id ? (
                    <span className="inline-flex flex-wrap items-center justify-end gap-2">
                      <span className="text-xs text-slate-600">Anything using it stops working.</span>
                      <button
                        className={`${secondaryButtonClass} text-red-700`}
                        onClick={() => revoke.mutate(t.id)}
                        disabled={revoke.isPending}
                        aria-label={`Confirm revoking ${t.name}`}
                      >
                        Revoke now
                      </button>
                      <button className={secondaryButtonClass} onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button
                      className={secondaryButtonClass}
                      onClick={() => setConfirming(t.id)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {tokens.data.items.length === 0 ? (
              <tr>
                <td className="py-2 text-slate-500" colSpan={7}>
                  No tokens yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
