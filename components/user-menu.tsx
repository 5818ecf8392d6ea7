
export function UserMenu({ name, logoutAction }: { name: string; logoutAction: () => Promise<void> }) {
  return (
    <form action={logoutAction} className="mt-auto border-t border-slate-700 px-4 py-3 text-xs text-slate-300">
      <div className="mb-1 truncate" title={name}>
        {name}
      </div>
      <button type="submit" className="text-slate-100 underline hover:text-white">
        Log out
      </button>
    </form>
  );
}
