"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldMessage } from "@/components/catalog/entity-form-fields";
import { buttonClass, inputClass } from "@/components/ui/page-header";
import type { Blueprint } from "@/lib/catalog/types";
import { apiFetch, ApiError, type FieldErrors } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";

type Props = { blueprint?: Pick<Blueprint, "identifier" | "title" | "icon" | "description" | "schema" | "relations"> };

const emptySchema = { type: "object", properties: {}, required: [] };

// Field errors for a whole JSON document (schema.x.y) are shown under that document's editor.
function under(fields: FieldErrors, prefix: string): string[] {
  return Object.entries(fields)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .flatMap(([k, msgs]) => msgs.map((m) => (k === prefix ? m : `${k.slice(prefix.length + 1)}: ${m}`)));
}

function parseJson(text: string, field: string, errors: FieldErrors): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    errors[field] = [`Not valid JSON: ${(e as Error).message}`];
    return undefined;
  }
}

export function BlueprintEditor({ blueprint }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [identifier, setIdentifier] = useState(blueprint?.identifier ?? "");
  const [title, setTitle] = useState(blueprint?.title ?? "");
  const [icon, setIcon] = useState(blueprint?.icon ?? "box");
  const [description, setDescription] = useState(blueprint?.description ?? "");
  const [schemaText, setSchemaText] = useState(JSON.stringify(blueprint?.schema ?? emptySchema, null, 2));
  const [relationsText, setRelationsText] = useState(JSON.stringify(blueprint?.relations ?? {}, null, 2));
  const [fields, setFields] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      blueprint
        ? apiFetch<Blueprint>(`/api/v1/blueprints/${blueprint.identifier}`, { method: "PATCH", body })
        : apiFetch<Blueprint>("/api/v1/blueprints", { method: "POST", body: { identifier, ...body } }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.blueprints() });
      router.push(`/admin/blueprints/${saved.identifier}?saved=1`);
      router.refresh();
    },
    onError: (e) =>
      setFields(e instanceof ApiError && Object.keys(e.fields).length ? e.fields : { _: [(e as Error).message] }),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    const schema = parseJson(schemaText, "schema", errors);
    const relations = parseJson(relationsText, "relations", errors);
    setFields(errors);
    if (Object.keys(errors).length === 0) save.mutate({ title, icon, description, schema, relations });
  }

  return (
    <form onSubmit={submit} className="max-w-3xl space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Identifier</span>
          <input
            className={inputClass}
            name="identifier"
            value={identifier}
            disabled={Boolean(blueprint)}
            onChange={(e) => setIdentifier(e.target.value)}
          />
          <FieldMessage messages={fields.identifier} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Title</span>
          <input className={inputClass} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
          <FieldMessage messages={fields.title} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Icon (lucide name)</span>
          <input className={inputClass} name="icon" value={icon} onChange={(e) => setIcon(e.target.value)} />
        </label>
      </div>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Description</span>
        <input
          className={inputClass}
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Property schema (JSON Schema)</span>
        <textarea
          className={`${inputClass} h-72 font-mono text-xs`}
          name="schema"
          spellCheck={false}
          value={schemaText}
          onChange={(e) => setSchemaText(e.target.value)}
        />
        <FieldMessage messages={under(fields, "schema")} />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{"Relations ({ name: { target, many, required } })"}</span>
        <textarea
          className={`${inputClass} h-32 font-mono text-xs`}
          name="relations"
          spellCheck={false}
          value={relationsText}
          onChange={(e) => setRelationsText(e.target.value)}
        />
        <FieldMessage messages={under(fields, "relations")} />
      </label>
      <FieldMessage messages={fields._} />
      <button type="submit" className={buttonClass} disabled={save.isPending}>
        {save.isPending ? "Saving…" : blueprint ? "Save blueprint" : "Create blueprint"}
      </button>
    </form>
  );
}
