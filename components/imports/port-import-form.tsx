"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/page-header";
import { apiFetch, ApiError } from "@/lib/http/client";
import type { ImportRun } from "@/lib/imports/import-runs";
import { queryKeys } from "@/lib/query-keys";

const parsePairs = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split(":", 2).map((s) => s.trim())),
  );

/** Paste or pick Port JSON, map its blueprints, import; the export link uses the same mapping. */
export function PortImportForm() {
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [mapping, setMapping] = useState("microservice:service");
  const [blueprints, setBlueprints] = useState("team,environment,service,deployment");
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (document: unknown) =>
      apiFetch<ImportRun>("/api/v1/imports/port", {
        method: "POST",
        body: { document, blueprintMapping: parsePairs(mapping) },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.importRuns() }),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    try {
      setParseError(null);
      run.mutate(JSON.parse(text));
    } catch (err) {
      setParseError(`Not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const exportUrl = `/api/v1/imports/port/export?${new URLSearchParams({ blueprints, mapping }).toString()}`;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Port JSON import">
      <label className="block text-sm">
        Port JSON (<code>{"{ blueprints, entities }"}</code>, an array of entities, or one entity)
        <textarea
          className={`${inputClass} mt-1 h-40 font-mono text-xs`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder='[{ "identifier": "payment-service", "blueprint": "microservice", "properties": {}, "relations": { "team": "backend-team" } }]'
          name="document"
        />
      </label>
      <label className="block text-sm">
        …or a file
        <input
          type="file"
          accept="application/json,.json"
          className="mt-1 block w-full text-sm"
          onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? "")}
        />
      </label>
      <label className="block text-sm">
        Blueprint mapping (<code>port:slipway</code>, comma-separated)
        <input className={inputClass} value={mapping} onChange={(e) => setMapping(e.target.value)} name="mapping" />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <button className={buttonClass} type="submit" disabled={run.isPending || text.trim() === ""}>
          {run.isPending ? "Importing…" : "Import"}
        </button>
        <a className={secondaryButtonClass} href={exportUrl} download="slipway-port-export.json">
          Export as Port JSON
        </a>
      </div>
      <label className="block text-sm">
        Blueprints to export
        <input className={inputClass} value={blueprints} onChange={(e) => setBlueprints(e.target.value)} />
      </label>
      {parseError ? <p className="text-sm text-red-700">{parseError}</p> : null}
      {run.error ? (
        <p className="text-sm text-red-700">
          {run.error.message}
          {run.error instanceof ApiError && Object.keys(run.error.fields).length > 0
            ? `: ${Object.entries(run.error.fields)
                .map(([k, v]) => `${k} ${v.join(", ")}`)
                .join("; ")}`
            : null}
        </p>
      ) : null}
      {run.data ? (
        <p className="text-sm" role="status">
          Imported: {run.data.created} created, {run.data.updated} updated, {run.data.unchanged} unchanged,{" "}
          {run.data.failed} failed.
        </p>
      ) : null}
    </form>
  );
}
