import * as clients from "@restatedev/restate-sdk-clients";
import { readFileSync } from "node:fs";
import { randomInt } from "node:crypto";
import { STACK_FILE, type StackInfo } from "./stack-file";

export function stack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
}

export function ingress(): clients.Ingress {
  return clients.connect({ url: stack().ingressUrl });
}

let seq = 0;
/** Unique ids per test run, so tests sharing one engine never touch each other's entities. */
export function uniqueId(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

/** A random KvK number, so tests sharing one engine do not meet each other's aanbieders. */
export function uniqueKvk(): string {
  return String(randomInt(10_000_000, 100_000_000));
}
