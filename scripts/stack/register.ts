import { waitFor } from "./ports";

/** Registers (or re-registers, force) the service endpoint with the Restate admin API. */
export async function registerDeployment(adminUrl: string, endpointUrl: string): Promise<string[]> {
  let services: string[] = [];
  await waitFor("registratie bij Restate", async () => {
    const res = await fetch(`${adminUrl}/deployments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ uri: endpointUrl, force: true }),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { services?: { name: string }[] };
    services = (body.services ?? []).map((s) => s.name);
    return true;
  });
  return services;
}
