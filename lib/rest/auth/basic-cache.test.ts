import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/auth/manage-users";
import { hashPassword } from "@/lib/auth/passwords";
import { admin } from "@/tests/support/fixtures";
import { checkPassword } from "./credentials";

// A remembered Basic credential must never outlive the password or the user it was checked against.

describe("remembered Basic credentials", () => {
  it("answer again for the same password, and stop at once when the password changes or the user goes", async () => {
    const user = await createUser({ name: "script@internal", password: "first-password" }, admin);
    expect((await checkPassword("script@internal", "first-password"))?.userId).toBe(user.id);
    expect((await checkPassword("script@internal", "first-password"))?.userId).toBe(user.id);
    expect(await checkPassword("script@internal", "wrong-password")).toBeNull();

    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("second-password") } });
    expect(await checkPassword("script@internal", "first-password")).toBeNull();
    expect((await checkPassword("script@internal", "second-password"))?.userId).toBe(user.id);

    await db.user.delete({ where: { id: user.id } });
    expect(await checkPassword("script@internal", "second-password")).toBeNull();
  });
});
