import "server-only";
import os from "node:os";
import { derivedUuid } from "@/lib/derived-id";
import { AppError } from "@/lib/errors";

// The portal runs VMs and mounts storage on the one machine it runs on: that machine is the one
// host clients see (oVirt clients name a host when they add a storage domain, or pick any host
// that is up). Its id is derived from its name, so it stays the same across restarts.

export interface Host {
  id: string;
  name: string;
  address: string;
  status: "up";
}

export function thisHost(): Host {
  const name = os.hostname();
  return { id: derivedUuid(`multistore-host:${name}`), name, address: name, status: "up" };
}

export function getHost(id: string) {
  const host = thisHost();
  if (id !== host.id) throw new AppError("NOT_FOUND", `Host ${id} doesn't exist.`);
  return host;
}
