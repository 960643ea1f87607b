"use client";

import Form from "@rjsf/core";
import type { RJSFSchema } from "@rjsf/utils";
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
import { splitFieldErrors } from "./run-form-errors";

type Props = {
  action: Pick<ActionSummary, "id" | "title" | "blueprint" | "trigger" | "inputSchema">;
  /** Preselected entity (from `?entity=`), shown read-only. */
  entity: { identifier: string; title: string } | null;
  /** Identifiers offered by the free-text picker; any identifier is accepted. */
  entityOptions: string[];
};

export function RunForm({ action, entity, entityOptions }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const needsEntity = action.trigger !== "create";
  const schema = action.inputSchema as RJSFSchema;
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
        formData={formData}
        onChange={(e) => setFormData((e.formData ?? {}) as Record<string, unknown>)}
        validator={validator}
        extraErrors={errors.extraErrors}
        showErrorList={false}
        noHtml5Validate
        onSubmit={({ formData }) => {
          setFields({});
          setFailure(null);
          start.mutate((formData ?? {}) as Record<string, unknown>);
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
