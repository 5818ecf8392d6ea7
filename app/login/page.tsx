import { LoginForm } from "./_components/login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-lg font-semibold">Log in to Multistore</h1>
      <LoginForm next={next} />
    </div>
  );
}
