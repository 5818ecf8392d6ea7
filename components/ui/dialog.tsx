"use client";

import { useEffect, useRef, type ReactNode } from "react";

// A modal on the native <dialog>: focus trapping, Escape and the backdrop come with it.
export function Dialog({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Straight to work: the first field (the browser would pick the Close button).
      dialog.querySelector<HTMLElement>("[data-dialog-body] :is(input, select, textarea):not([disabled])")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className={`m-auto rounded-lg border border-slate-300 p-0 shadow-xl backdrop:bg-slate-900/40 ${wide ? "w-[min(64rem,95vw)]" : "w-[min(36rem,95vw)]"}`}
    >
      {open && (
        <div className="flex max-h-[90vh] flex-col">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
            <h2 className="text-base font-semibold">{title}</h2>
            <button type="button" aria-label="Close" onClick={onClose} className="rounded px-2 text-lg text-slate-500 hover:bg-slate-100">
              ×
            </button>
          </div>
          <div data-dialog-body className="overflow-y-auto px-4 py-3">
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}
