import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/auth/manage-users";
import { admin } from "@/tests/support/fixtures";
import { createSession, sessionActor } from "./sessions";

// A persistent-auth session slides on use, but not with a database write on every request.

describe("sliding sessions", () => {
  it("give the session's actor, push the end back when it moved a minute or more, and end expired ones", async () => {
    const user = await createUser({ name: "slider@internal", password: "slider-password" }, admin);
    const { token } = await createSession(user.id, "api", 1800);
    const row = () => db.session.findFirstOrThrow({ where: { userId: user.id } });
    const created = (await row()).expiresAt.getTime();

    expect(await sessionActor(token, "api", 1800)).toMatchObject({ userId: user.id, name: "slider@internal" });
    expect((await row()).expiresAt.getTime()).toBe(created); // under a minute later: no write

    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 600_000) } });
    expect((await sessionActor(token, "api", 1800))?.userId).toBe(user.id);
    expect((await row()).expiresAt.getTime()).toBeGreaterThan(Date.now() + 1700_000);

    expect(await sessionActor(token, "browser")).toBeNull(); // another kind of session
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionActor(token, "api", 1800)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
