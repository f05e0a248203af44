import { randomUUID } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Writes content-addressed bytes once: the name is the hash, so an existing file already holds the
 * same bytes. A reader never sees half a file: the bytes land under a temporary name and are renamed.
 */
export async function writeOnce(dir: string, name: string, bytes: Buffer): Promise<void> {
  const path = join(dir, name);
  if (await access(path).then(() => true, () => false)) return;
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${name}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: "wx" });
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}
