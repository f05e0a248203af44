/** Where the region's own roles receive mail; per deployment, from the environment. */
export type RegionRecipient = "programmadirecteur" | "bosd" | "inkoop";

const defaults: Record<RegionRecipient, string> = {
  programmadirecteur: "programmadirecteur@regio-midden-holland.example",
  bosd: "bosd@regio-midden-holland.example",
  inkoop: "inkoop@regio-midden-holland.example",
};

export function addressOf(who: RegionRecipient): string {
  const env = process.env[`INKOOP_MAIL_${who.toUpperCase()}`];
  return env && env.includes("@") ? env : defaults[who];
}
