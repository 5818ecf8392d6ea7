"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { submitAction } from "@/components/forms/submit-action";
import { newUserSchema, type NewUserInput } from "@/lib/schemas/auth";
import { createUserAction } from "@/app/actions/user-actions";

export function UserNewForm() {
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<NewUserInput>({ resolver: zodResolver(newUserSchema), defaultValues: { name: "", password: "" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    if (!(await submitAction(form, setError, () => createUserAction(values)))) return;
    form.reset();
    router.refresh();
  }, () => setError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New user" className="flex max-w-3xl flex-wrap items-end gap-2">
      <div className="w-full">
        <FormError message={error} />
      </div>
      <Field label="New user name" htmlFor="user-name" error={errors.name?.message}>
        <input id="user-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
      </Field>
      <Field label="Password" htmlFor="user-password" error={errors.password?.message}>
        <input id="user-password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!errors.password} {...form.register("password")} />
      </Field>
      <Button type="submit" variant="primary">
        Create user
      </Button>
    </form>
  );
}
