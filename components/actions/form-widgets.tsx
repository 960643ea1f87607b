"use client";

import type { WidgetProps } from "@rjsf/utils";
import { inputClass } from "@/components/ui/page-header";

type Choice = { value: string; title: string; description: string };

/** Pick one of the schema's `x-choices`, each a card with its description (the service template). */
export function ChoiceCardsWidget({ id, value, onChange, schema, disabled, readonly }: WidgetProps) {
  const choices = ((schema as Record<string, unknown>)["x-choices"] as Choice[] | undefined) ?? [];
  return (
    <div id={id} role="radiogroup" className="grid gap-2 sm:grid-cols-2">
      {choices.map((c) => {
        const checked = value === c.value;
        return (
          <label
            key={c.value}
            className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
              checked ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"
            }`}
            data-testid={`choice-${c.value}`}
          >
            <input
              type="radio"
              name={id}
              value={c.value}
              checked={checked}
              disabled={disabled || readonly}
              onChange={() => onChange(c.value)}
              className="mt-0.5"
            />
            <span>
              <span className="block font-medium text-slate-800">{c.title}</span>
              <span className="block text-slate-500">{c.description}</span>
            </span>
          </label>
        );
      })}
    </div>
  );
}

/**
 * A team field: free text (any team identifier is checked by the server) with the catalog's teams
 * offered, the user's own listed first and named under the field.
 */
export function TeamPickerWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly, options }: WidgetProps) {
  const teams = (options.teams as string[] | undefined) ?? [];
  const mine = (options.myTeams as string[] | undefined) ?? [];
  const listId = `${id}-teams`;
  const ordered = [...mine, ...teams.filter((t) => !mine.includes(t))];
  return (
    <>
      <input
        id={id}
        name={id}
        className={inputClass}
        list={listId}
        value={typeof value === "string" ? value : ""}
        disabled={disabled || readonly}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      <datalist id={listId}>
        {ordered.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <span className="mt-1 block text-xs text-slate-500" data-testid="my-teams">
        {mine.length > 0 ? `Your teams: ${mine.join(", ")}` : "You are in no team; pick the team that will own it."}
      </span>
    </>
  );
}
