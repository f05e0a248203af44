import { existsSync, readFileSync } from "node:fs";
import { STACK_FILE, type StackInfo } from "./stack-file";

// The API under test reads documents from the same store as the worker the global setup started, and
// encrypts what it sends the engine with the same payload keys.
if (existsSync(STACK_FILE)) {
  const info = JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo;
  process.env.INKOOP_DATA_DIR = info.dataDir;
  process.env.INKOOP_PAYLOAD_KEY_FILE = info.payloadKeyFile;
}
