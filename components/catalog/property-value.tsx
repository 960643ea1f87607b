import { ShortSha } from "@/components/ui/short-sha";
import { isStatusValue, StatusChip } from "@/components/ui/status-chip";

// Renders a property value compactly: booleans as yes/no, objects as JSON, long text truncated.
export function PropertyValue({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === "") return <span className="text-slate-500">—</span>;
  if (isStatusValue(value)) return <StatusChip status={value} label={value} />;
  if (typeof value === "string" && /^[0-9a-f]{40}$/.test(value)) return <ShortSha sha={value} />;
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  if (typeof value === "object") return <code className="break-all text-xs">{JSON.stringify(value)}</code>;
  const text = String(value);
  if (/^https?:\/\//.test(text)) {
    return (
      <a className="break-all text-indigo-700 hover:underline" href={text} rel="noreferrer">
        {text}
      </a>
    );
  }
  return <span title={text.length > 80 ? text : undefined}>{text.length > 80 ? `${text.slice(0, 77)}…` : text}</span>;
}
