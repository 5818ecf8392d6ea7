import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { parseXml, type Doc } from "./xml";
import { ADMIN_PASSWORD } from "./server-env";

// A thin oVirt-style client over Playwright's request fixture: XML in and out, Basic auth by
// default, and the checks every reply must pass (an XML body always says application/xml).

export const API = "/ovirt-engine/api";
export const basicAuth = `Basic ${Buffer.from(`admin@internal:${ADMIN_PASSWORD}`).toString("base64")}`;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  doc: Doc;
}

type Params = Record<string, string | number | boolean>;

export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly authorization: string | null = basicAuth,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { Accept: "application/xml", "Content-Type": "application/xml", Version: "4", ...(this.authorization ? { Authorization: this.authorization } : {}), ...extra };
  }

  private async read(response: APIResponse): Promise<Reply> {
    const text = await response.text();
    const headers = response.headers();
    if (text) expect(headers["content-type"], `content type of ${response.url()}`).toBe("application/xml");
    return { status: response.status(), headers, text, doc: text ? parseXml(text) : {} };
  }

  async get(path: string, params?: Params) {
    return this.read(await this.request.get(`${API}${path}`, { headers: this.headers(), params }));
  }

  async post(path: string, body: string, params?: Params, headers?: Record<string, string>) {
    return this.read(await this.request.post(`${API}${path}`, { headers: this.headers(headers), data: body, params }));
  }

  async put(path: string, body: string) {
    return this.read(await this.request.put(`${API}${path}`, { headers: this.headers(), data: body }));
  }

  async delete(path: string, params?: Params) {
    return this.read(await this.request.delete(`${API}${path}`, { headers: this.headers(), params }));
  }

  /** GET that must succeed: the parsed document. */
  async doc(path: string, params?: Params) {
    const reply = await this.get(path, params);
    expect(reply.status, `GET ${path}: ${reply.text}`).toBe(200);
    return reply.doc;
  }
}
