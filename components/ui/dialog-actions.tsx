import { Button } from "@/components/ui/button";

/** The Cancel / submit row at the bottom of every form dialog. */
export function DialogActions({ onCancel, submitLabel, busy }: { onCancel: () => void; submitLabel: string; busy?: boolean }) {
  return (
    <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" disabled={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
