"use client";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { apiFetch } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";
import type { SearchHit } from "@/lib/search/search-everywhere";
import { isTypingTarget, SearchHits } from "./search-hits";

const DEBOUNCE_MS = 150;

/** The one search box of the portal: opened by `/`, Ctrl-K or ⌘-K anywhere, driven by the keyboard. */
export function SearchPalette() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const hits = useQuery({
    queryKey: queryKeys.search(q),
    queryFn: () => apiFetch<{ items: SearchHit[] }>(`/api/v1/search?q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
    placeholderData: (prev) => prev,
  });
  const items = q.length > 0 ? (hits.data?.items ?? []) : [];

  const open = () => {
    if (dialog.current?.open) return;
    dialog.current?.showModal();
    input.current?.select();
  };
  const close = () => dialog.current?.close();

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const chord = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k";
      if (chord || (e.key === "/" && !isTypingTarget(e.target))) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    router.push(hit.href);
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (items.length === 0 ? 0 : (i + step + items.length) % items.length));
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(items[active]);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 md:w-full"
        aria-keyshortcuts="/ Control+K Meta+K"
      >
        <Search aria-hidden className="h-4 w-4" />
        <span className="flex-1 text-left">Find anything</span>
        <kbd className="rounded border border-slate-300 px-1 text-xs text-slate-600">/</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search everywhere"
        onClick={(e) => e.target === dialog.current && close()}
        className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50"
      >
        <div className="border-b border-slate-200 p-3">
          <input
            ref={input}
            role="combobox"
            aria-label="Search entities, runs and actions"
            aria-expanded={items.length > 0}
            aria-controls="search-hits"
            aria-activedescendant={items[active] ? `search-hit-${active}` : undefined}
            aria-autocomplete="list"
            className="w-full bg-transparent text-base outline-none placeholder:text-slate-500"
            placeholder="Search services, deployments, teams, runs, actions…"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={onInputKey}
          />
        </div>
        <SearchHits
          items={items}
          active={active}
          onHover={setActive}
          onPick={go}
          state={
            q.length === 0
              ? "idle"
              : hits.isError
                ? "error"
                : hits.isFetching && items.length === 0
                  ? "loading"
                  : "done"
          }
        />
      </dialog>
    </>
  );
}
