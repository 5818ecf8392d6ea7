"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { loginSchema, type LoginInput } from "@/lib/schemas/auth";
import { loginAction } from "@/app/actions/session-actions";

export function LoginForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { name: "", password: "", next } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await loginAction(values); // redirects on success
    if (result && !result.ok) setError(result.message);
  }, () => setError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={error} />
      <Field label="User name" htmlFor="login-name" error={errors.name?.message}>
        <input id="login-name" autoComplete="username" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
      </Field>
      <Field label="Password" htmlFor="login-password" error={errors.password?.message}>
        <input id="login-password" type="password" autoComplete="current-password" className={inputClass} aria-invalid={!!errors.password} {...form.register("password")} />
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={form.formState.isSubmitting}>
        Log in
      </Button>
    </form>
  );
}
