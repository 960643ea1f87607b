"use client";

import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/page-header";
import type { Blueprint, Entity } from "@/lib/catalog/types";
import { apiFetch, ApiError, type FieldErrors } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";
import { readableErrors } from "@/components/actions/readable-errors";
import { FieldMessage, RelationInput, relationPayload } from "./entity-form-fields";

type Props = {
  blueprint: Pick<Blueprint, "identifier" | "title" | "schema" | "relations">;
  entity?: Entity;
  teams: string[];
  /** The user's teams: a new entity starts owned by the first. */
  myTeams?: string[];
  relationOptions: Record<string, string[]>;
};

// Server field errors named properties.<path> become rjsf errors shown under that field.
function toErrorSchema(fields: FieldErrors): ErrorSchema {
  const schema: Record<string, unknown> = {};
  for (const [path, messages] of Object.entries(fields)) {
    if (!path.startsWith("properties.")) continue;
    let node = schema;
    for (const part of path.slice("properties.".length).split("."))
      node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = messages;
  }
  return schema as ErrorSchema;
}

export function EntityForm({ blueprint, entity, teams, myTeams = [], relationOptions }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = Boolean(entity);
  const [identifier, setIdentifier] = useState(entity?.identifier ?? "");
  const [title, setTitle] = useState(entity?.title ?? "");
  const [team, setTeam] = useState(entity ? (entity.team ?? "") : (myTeams.find((t) => teams.includes(t)) ?? ""));
  const transformErrors = useMemo(() => readableErrors(blueprint.schema as RJSFSchema), [blueprint.schema]);
  const [relations, setRelations] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.keys(blueprint.relations).map((r) => [r, (entity?.relations[r] ?? []).join(", ")])),
  );
  const [fields, setFields] = useState<FieldErrors>({});
  // Controlled: a re-render (e.g. showing server errors) must not reset what the user typed.
  const [formData, setFormData] = useState<Record<string, unknown>>(() => entity?.properties ?? {});
  const extraErrors = useMemo(() => toErrorSchema(fields), [fields]);

  const save = useMutation({
    mutationFn: async (properties: Record<string, unknown>) => {
      const rels = relationPayload(blueprint.relations, relations);
      if (entity) {
        // Merge-patch: keys the form dropped are sent as null so they are removed.
        const removed = Object.fromEntries(
          Object.keys(entity.properties)
            .filter((k) => !(k in properties))
            .map((k) => [k, null]),
        );
        return apiFetch<Entity>(`/api/v1/blueprints/${blueprint.identifier}/entities/${entity.identifier}`, {
          method: "PATCH",
          body: {
            title: title || undefined,
            team: team || null,
            properties: { ...removed, ...properties },
            relations: rels,
          },
        });
      }
      return apiFetch<Entity>(`/api/v1/blueprints/${blueprint.identifier}/entities`, {
        method: "POST",
        body: { identifier, title: title || undefined, team: team || null, properties, relations: rels },
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.entities(blueprint.identifier) });
      router.push(`/catalog/${blueprint.identifier}/${saved.identifier}`);
      router.refresh();
    },
    onError: (e) =>
      setFields(
        e instanceof ApiError
          ? { ...e.fields, ...(Object.keys(e.fields).length ? {} : { _: [e.message] }) }
          : { _: ["Could not save; try again."] },
      ),
  });

  return (
    <div className="max-w-2xl space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Identifier</span>
          <input
            className={inputClass}
            value={identifier}
            disabled={editing}
            onChange={(e) => setIdentifier(e.target.value)}
            name="identifier"
          />
          <FieldMessage messages={fields.identifier} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Title</span>
          <input className={inputClass} value={title} onChange={(e) => setTitle(e.target.value)} name="title" />
          <FieldMessage messages={fields.title} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Team</span>
          <select className={inputClass} value={team} onChange={(e) => setTeam(e.target.value)} name="team">
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {myTeams.includes(t) ? `${t} (your team)` : t}
              </option>
            ))}
          </select>
          <FieldMessage messages={fields.team} />
        </label>
        {Object.entries(blueprint.relations).map(([name, def]) => (
          <RelationInput
            key={name}
            name={name}
            def={def}
            value={relations[name] ?? ""}
            options={relationOptions[name] ?? []}
            errors={fields[`relations.${name}`]}
            onChange={(v) => setRelations((r) => ({ ...r, [name]: v }))}
          />
        ))}
      </div>
      <Form
        className="rjsf"
        schema={blueprint.schema as RJSFSchema}
        formData={formData}
        onChange={(e) => setFormData((e.formData ?? {}) as Record<string, unknown>)}
        validator={validator}
        transformErrors={transformErrors}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        onSubmit={({ formData }) => {
          setFields({});
          save.mutate((formData ?? {}) as Record<string, unknown>);
        }}
      >
        <FieldMessage messages={fields._} />
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? "Saving…" : editing ? "Save changes" : `Create ${blueprint.title.toLowerCase()}`}
        </button>
      </Form>
    </div>
  );
}
