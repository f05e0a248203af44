import { existsSync, readFileSync } from "node:fs";
import { STACK_FILE, type StackInfo } from "./stack-file";

// The API under test reads documents from the same store as the worker the global setup started.
if (existsSync(STACK_FILE)) process.env.INKOOP_DATA_DIR = (JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackInfo).dataDir;
