"use client";

import { inputClass } from "@/components/ui/page-header";
import type { RelationDef, RelationDefs } from "@/lib/catalog/types";

export function FieldMessage({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p role="alert" className="mt-1 text-sm text-red-600">
      {messages.join("; ")}
    </p>
  );
}

/** Comma-separated identifiers in the form → the API's relation shape (string, array or null). */
export function relationPayload(
  defs: RelationDefs,
  values: Record<string, string>,
): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  for (const [name, def] of Object.entries(defs)) {
    const ids = (values[name] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    out[name] = def.many ? ids : (ids[0] ?? null);
  }
  return out;
}

export function RelationInput(props: {
  name: string;
  def: RelationDef;
  value: string;
  options: string[];
  errors?: string[];
  onChange: (v: string) => void;
}) {
  const { name, def, value, options, errors, onChange } = props;
  const listId = `relation-options-${name}`;
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">
        {def.title ?? name} ({def.target}
        {def.many ? ", comma-separated" : ""}){def.required ? <span className="text-red-600"> *</span> : null}
      </span>
      <input
        className={inputClass}
        list={listId}
        value={value}
        name={`relation-${name}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <FieldMessage messages={errors} />
    </label>
  );
}
