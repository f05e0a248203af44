import { join } from "node:path";
import { ensureKeyFile, readKeyFile, rotateKeyFile } from "../engine/payload-keys";
import { loadConfig } from "./config";

/**
 * `npm run keys -- rotate|show [file]`: the payload key file of this machine (default
 * data/keys/payload-keys.json). Rotation adds a key and makes it current; restart the API and the
 * workers to encrypt with it. Retired keys stay in the file until no history needs them.
 */
function main(): void {
  const [command = "show", fileArg] = process.argv.slice(2);
  const file = fileArg ?? process.env.INKOOP_PAYLOAD_KEY_FILE ?? join(loadConfig().dataDir, "keys", "payload-keys.json");
  if (command === "rotate") {
    ensureKeyFile(file);
    const { current, retired } = rotateKeyFile(file);
    console.log(`nieuwe huidige sleutel ${current} in ${file}; behouden om te lezen: ${retired.join(", ")}. Herstart de API en de workers.`);
    return;
  }
  if (command === "show") {
    const ring = readKeyFile(ensureKeyFile(file));
    console.log(`${file}: huidige sleutel ${ring.current}; alle sleutels: ${[...ring.keys.keys()].join(", ")}`);
    return;
  }
  console.error(`onbekende opdracht '${command}': gebruik rotate of show`);
  process.exit(2);
}

main();
