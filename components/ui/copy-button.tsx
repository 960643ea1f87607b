"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { secondaryButtonClass } from "./page-header";

/** Copies `text` to the clipboard; where the browser refuses (plain HTTP on another host), says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <button type="button" className={`${secondaryButtonClass} shrink-0`} onClick={() => void copy()}>
      {state === "copied" ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Select and copy by hand" : label}
      </span>
    </button>
  );
}
