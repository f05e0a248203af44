import { randomInt } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../activities/password";
import { GebruikerRolSchema, GebruikersnaamSchema, startwachtwoord } from "../domain/gebruiker/gebruiker";
import { SYSTEEM } from "../domain/shared/actor";
import { EngineClient, EngineRefusal } from "../engine/client";
import { connectClient, engineSettingsFromEnv } from "../engine/connection";
import { ensurePayloadKeys } from "../engine/payload-keys";
import { gebruikerEntity } from "../workflows/gebruiker/definition";
import { loadConfig } from "./config";

/**
 * `npm run account -- ...`: an operator's way to the first accountbeheerder of a region (production
 * has no demo accounts), and back in when every accountbeheerder lost their password. After that,
 * accounts are managed on /beheer/accounts. Prints a starting password once; the user chooses an
 * own one at the first login.
 *
 *   npm run account -- aanmaken --gebruikersnaam i.jansen --naam "Ingrid Jansen" --rol inkoper --accountbeheer [--email x@y.nl]
 *   npm run account -- startwachtwoord --gebruikersnaam i.jansen --reden "wachtwoord kwijt"
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      gebruikersnaam: { type: "string" },
      naam: { type: "string" },
      rol: { type: "string" },
      email: { type: "string" },
      accountbeheer: { type: "boolean", default: false },
      reden: { type: "string" },
    },
  });
  const opdracht = positionals[0];
  const naam = GebruikersnaamSchema.safeParse(values.gebruikersnaam ?? "");
  if (!naam.success) throw new Error(`--gebruikersnaam: ${naam.error.issues[0]?.message ?? "ongeldig"}`);

  const config = loadConfig();
  ensurePayloadKeys(process.env, join(config.dataDir, "keys", "payload-keys.json"), process.env.NODE_ENV === "production");
  const settings = engineSettingsFromEnv(process.env, `127.0.0.1:${config.temporalPort}`);
  const client = await connectClient(settings);
  const account = new EngineClient(client, settings.taskQueue).entity(gebruikerEntity, naam.data);
  const wachtwoord = startwachtwoord(randomInt);
  try {
    if (opdracht === "aanmaken") {
      const rol = GebruikerRolSchema.exclude(["aanbieder"]).safeParse(values.rol);
      if (!rol.success) throw new Error(`--rol: een van ${GebruikerRolSchema.exclude(["aanbieder"]).options.join(", ")} (een aanbieder registreert zichzelf)`);
      if (!values.naam || values.naam.trim().length < 2) throw new Error("--naam: de naam van de medewerker (minstens 2 tekens)");
      await account.create({
        actor: SYSTEEM,
        gebruiker: {
          gebruikersnaam: naam.data,
          naam: values.naam.trim(),
          rol: rol.data,
          ...(values.email ? { email: values.email } : {}),
          ...(values.accountbeheer ? { accountbeheer: true } : {}),
          wachtwoordTijdelijk: true,
          wachtwoordHash: await hashPassword(wachtwoord),
        },
      });
      console.log(`account ${naam.data} aangemaakt (${rol.data}${values.accountbeheer ? ", met accountbeheer" : ""})`);
    } else if (opdracht === "startwachtwoord") {
      if (!values.reden || values.reden.trim().length < 3) throw new Error("--reden: waarom (komt in het logboek van het account)");
      await account.beheer({ soort: "startwachtwoord", actor: SYSTEEM, wachtwoordHash: await hashPassword(wachtwoord), reden: values.reden.trim() });
      console.log(`nieuw startwachtwoord voor ${naam.data}`);
    } else {
      throw new Error("gebruik: npm run account -- aanmaken|startwachtwoord --gebruikersnaam ... (zie scripts/account.ts)");
    }
    console.log(`startwachtwoord (één keer getoond; geef het via een ander kanaal door): ${wachtwoord}`);
  } finally {
    await client.connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof EngineRefusal ? err.refusal.melding : err instanceof Error ? err.message : err);
  process.exit(1);
});
