"use client";

import Form from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { FieldMessage } from "@/components/catalog/entity-form-fields";
import { buttonClass, inputClass } from "@/components/ui/page-header";
import { apiFetch, ApiError, type FieldErrors } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";
import type { ActionSummary } from "@/lib/runs/action-mirror";
import type { Run } from "@/lib/runs/types";
import { ChoiceCardsWidget, TeamPickerWidget } from "./form-widgets";
import { readableErrors } from "./readable-errors";
import { splitFieldErrors } from "./run-form-errors";

const widgets = { TeamPicker: TeamPickerWidget, ChoiceCards: ChoiceCardsWidget };
type Properties = Record<string, Record<string, unknown>>;

// A team field starts at the user's own team; fields with described choices render as cards.
function formSchemaAndUi(
  base: RJSFSchema,
  teams: { all: string[]; mine: string[] },
): { schema: RJSFSchema; uiSchema: UiSchema } {
  const properties: Properties = { ...((base.properties as Properties) ?? {}) };
  const uiSchema: UiSchema = {};
  for (const [name, field] of Object.entries(properties)) {
    if (name === "team" && field.type === "string") {
      if (teams.mine[0] && field.default === undefined) properties[name] = { ...field, default: teams.mine[0] };
      uiSchema[name] = { "ui:widget": "TeamPicker", "ui:options": { teams: teams.all, myTeams: teams.mine } };
    } else if (Array.isArray(field["x-choices"])) {
      uiSchema[name] = { "ui:widget": "ChoiceCards" };
    }
  }
  return { schema: { ...base, properties } as RJSFSchema, uiSchema };
}

// A pre-filled current value (`x-current`) left as it is is not a change, so it is not sent.
function withoutUnchanged(input: Record<string, unknown>, schema: RJSFSchema): Record<string, unknown> {
  const properties = (schema.properties as Properties) ?? {};
  return Object.fromEntries(
    Object.entries(input).filter(
      ([k, v]) => !("x-current" in (properties[k] ?? {})) || properties[k]!["x-current"] !== v,
    ),
  );
}

type Props = {
  action: Pick<ActionSummary, "id" | "title" | "blueprint" | "trigger" | "inputSchema">;
  /** Preselected entity (from `?entity=`), shown read-only. */
  entity: { identifier: string; title: string } | null;
  /** Identifiers offered by the free-text picker; any identifier is accepted. */
  entityOptions: string[];
  /** Team identifiers offered by team fields, and the user's own (the default). */
  teams: { all: string[]; mine: string[] };
};

export function RunForm({ action, entity, entityOptions, teams }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const needsEntity = action.trigger !== "create";
  const { schema, uiSchema } = useMemo(
    () => formSchemaAndUi(action.inputSchema as RJSFSchema, teams),
    [action.inputSchema, teams],
  );
  const transformErrors = useMemo(() => readableErrors(schema), [schema]);
  const [entityId, setEntityId] = useState(entity?.identifier ?? "");
  // Controlled: showing server errors re-renders the form and must not reset what was typed.
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [fields, setFields] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const errors = useMemo(() => splitFieldErrors(fields, schema), [fields, schema]);
  const alert = [failure, ...errors.other].filter(Boolean).join("; ");

  const start = useMutation({
    mutationFn: (input: Record<string, unknown>) =>
      apiFetch<Run>(`/api/v1/actions/${action.id}/runs`, {
        method: "POST",
        body: { entity: needsEntity ? entityId.trim() || undefined : undefined, input },
      }),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.runs() });
      router.push(`/runs/${run.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 422 && Object.keys(e.fields).length > 0) {
        setFields(e.fields);
      } else {
        setFailure(e instanceof ApiError ? e.message : "Could not start the run; try again.");
      }
    },
  });

  return (
    <div className="max-w-2xl space-y-4">
      {needsEntity ? (
        entity ? (
          <p className="text-sm text-slate-700" data-testid="run-entity">
            Acting on {action.blueprint}{" "}
            <Link
              className="font-medium text-indigo-700 hover:underline"
              href={`/catalog/${action.blueprint}/${entity.identifier}`}
            >
              {entity.identifier}
            </Link>
            {entity.title !== entity.identifier ? <span className="text-slate-500"> ({entity.title})</span> : null}
            <FieldMessage messages={errors.entity} />
          </p>
        ) : (
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-700">
              {action.blueprint} (identifier)<span className="text-red-600"> *</span>
            </span>
            <input
              className={inputClass}
              name="entity"
              list="run-entity-options"
              value={entityId}
              onChange={(e) => setEntityId(e.target.value)}
            />
            <datalist id="run-entity-options">
              {entityOptions.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
            <FieldMessage messages={errors.entity} />
          </label>
        )
      ) : null}
      <Form
        className="rjsf"
        schema={schema}
        uiSchema={uiSchema}
        widgets={widgets}
        transformErrors={transformErrors}
        formData={formData}
        onChange={(e) => setFormData((e.formData ?? {}) as Record<string, unknown>)}
        validator={validator}
        extraErrors={errors.extraErrors}
        showErrorList={false}
        noHtml5Validate
        onSubmit={({ formData }) => {
          setFields({});
          setFailure(null);
          start.mutate(withoutUnchanged((formData ?? {}) as Record<string, unknown>, schema));
        }}
      >
        {alert ? (
          <p role="alert" className="mb-3 text-sm text-red-600">
            {alert}
          </p>
        ) : null}
        <button type="submit" className={buttonClass} disabled={start.isPending || start.isSuccess}>
          Run {action.title}
        </button>
      </Form>
    </div>
  );
}
