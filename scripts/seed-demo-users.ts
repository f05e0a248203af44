import { EngineRefusal, type EngineClient } from "../engine/client";
import { hashPassword } from "../activities/password";
import type { GebruikerRol } from "../domain/gebruiker/gebruiker";
import { SYSTEEM } from "../domain/shared/actor";
import { aanbiederEntity } from "../workflows/aanbieder/definition";
import { gebruikerEntity } from "../workflows/gebruiker/definition";

export interface DemoUser {
  gebruikersnaam: string;
  wachtwoord: string;
  rol: GebruikerRol;
  kvk?: string;
}

const DEMO_KVK = "12345678";

/** One account per role to try the system with. The passwords are public: never seed outside development. */
const demo: (DemoUser & { naam: string; email?: string; accountbeheer?: boolean })[] = [
  { gebruikersnaam: "inkoper", wachtwoord: "demo-inkoper-2026", rol: "inkoper", naam: "Ingrid Verhoeven (inkoper)", accountbeheer: true },
  { gebruikersnaam: "beoordelaar", wachtwoord: "demo-beoordelaar-2026", rol: "beoordelaar", naam: "Bart de Wit (beoordelaar)" },
  { gebruikersnaam: "beoordelaar2", wachtwoord: "demo-beoordelaar2-2026", rol: "beoordelaar", naam: "Samira El Amrani (beoordelaar)" },
  { gebruikersnaam: "programmadirecteur", wachtwoord: "demo-directeur-2026", rol: "programmadirecteur", naam: "Peter Jansen (programmadirecteur)" },
  { gebruikersnaam: "bosd", wachtwoord: "demo-bosd-2026-mh", rol: "bosd", naam: "Marieke Bakker (BOSD)" },
  { gebruikersnaam: "debrug", wachtwoord: "demo-aanbieder-2026", rol: "aanbieder", kvk: DEMO_KVK, naam: "Anna de Vries (Jeugdhulp De Brug B.V.)", email: "info@debrug.example" },
];

/**
 * Demo accounts for every role, and the aanbieder profile of Jeugdhulp De Brug B.V. (KvK 12345678).
 * Idempotent: an account or profile that exists already is kept as it is (with its password).
 */
export async function seedDemoUsers(engine: EngineClient): Promise<DemoUser[]> {
  if ((await engine.entity(aanbiederEntity, DEMO_KVK).get()) === null) {
    await engine.entity(aanbiederEntity, DEMO_KVK).register({
      actor: { rol: "aanbieder", id: "debrug", kvk: DEMO_KVK },
      registratie: { kvk: DEMO_KVK, naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" },
    });
  }
  for (const u of demo) {
    const client = engine.entity(gebruikerEntity, u.gebruikersnaam);
    const bestaand = await client.get();
    // A data directory from before account administration: the demo inkoper gets it now.
    if (bestaand && u.accountbeheer && !bestaand.accountbeheer && bestaand.rol === u.rol)
      await client.beheer({ soort: "rol", actor: SYSTEEM, rol: u.rol, accountbeheer: true, reden: "Demo-account: accountbeheer om accounts te beheren" });
    if (bestaand) continue;
    try {
      await client.create({
        actor: SYSTEEM,
        gebruiker: { gebruikersnaam: u.gebruikersnaam, naam: u.naam, rol: u.rol, ...(u.kvk ? { kvk: u.kvk } : {}), ...(u.email ? { email: u.email } : {}), ...(u.accountbeheer ? { accountbeheer: true } : {}), wachtwoordHash: await hashPassword(u.wachtwoord) },
      });
    } catch (err) {
      // Another process seeded it between get and create: that is fine.
      if (!(err instanceof EngineRefusal && err.refusal.status === 409)) throw err;
    }
  }
  return demo.map(({ gebruikersnaam, wachtwoord, rol, kvk }) => ({ gebruikersnaam, wachtwoord, rol, ...(kvk ? { kvk } : {}) }));
}

/** The table npm start prints. */
export function demoUsersTable(users: DemoUser[]): string {
  const rows = [["gebruikersnaam", "wachtwoord", "rol", "KvK"], ...users.map((u) => [u.gebruikersnaam, u.wachtwoord, u.rol, u.kvk ?? ""])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => "    " + r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}
