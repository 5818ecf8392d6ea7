import { describe, expect, it } from "vitest";
import { issueToken, readToken, verifyToken } from "./tokens";
import { revoke } from "./revocations";

describe("API tokens", () => {
  it("verify while unexpired and unrevoked", () => {
    const { token, claims } = issueToken("admin@internal", "ovirt-app-api", 1_000);
    expect(verifyToken(token, 2_000)).toEqual(claims);
    expect(verifyToken(token, claims.exp + 1)).toBeNull();
    revoke(claims.jti, claims.exp, 2_000);
    expect(verifyToken(token, 2_000)).toBeNull();
  });

  it("refuse a token whose claims or signature were changed", () => {
    const { token } = issueToken("admin@internal", "ovirt-app-api");
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "root@internal" })).toString("base64url");
    expect(readToken(`${forged}.${signature}`)).toBeNull();
    expect(readToken(`${payload}.${signature.slice(0, -2)}xx`)).toBeNull();
    expect(readToken("garbage")).toBeNull();
  });
});
