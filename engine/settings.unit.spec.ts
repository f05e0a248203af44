import { MAX_UPDATES_IN_FLIGHT, OWN_SERVER_CLIENT_UPDATES, OWN_SERVER_IN_FLIGHT_UPDATES, updatesInFlight } from "./client";
import { renderThreadCount, workflowCacheSize } from "./worker";
import { sqlitePragmas } from "../scripts/stack/temporal-server";

describe("de instellingen van API en worker voor de procesmotor", () => {
  it("laten de API onder de grens van de server blijven, met ruimte voor een tweede proces", () => {
    expect(MAX_UPDATES_IN_FLIGHT).toBeLessThan(10);
    expect(OWN_SERVER_CLIENT_UPDATES).toBeLessThan(OWN_SERVER_IN_FLIGHT_UPDATES);
    expect(updatesInFlight(MAX_UPDATES_IN_FLIGHT, undefined)).toBe(8);
    expect(updatesInFlight(OWN_SERVER_CLIENT_UPDATES, " ")).toBe(48);
    expect(updatesInFlight(8, "20")).toBe(20);
  });

  it("weigeren een ongeldige waarde met de naam van de instelling", () => {
    for (const value of ["0", "-3", "2.5", "veel"]) expect(() => updatesInFlight(8, value)).toThrow(/INKOOP_UPDATES_IN_FLIGHT/);
    for (const value of ["9", "abc"]) expect(() => workflowCacheSize(value)).toThrow(/INKOOP_WORKFLOW_CACHE/);
    expect(workflowCacheSize(undefined)).toBe(400);
    for (const value of ["-1", "1.5", "twee"]) expect(() => renderThreadCount(value)).toThrow(/INKOOP_RENDER_THREADS/);
    expect(renderThreadCount(undefined)).toBe(1);
    expect(renderThreadCount("0")).toBe(0);
    expect(() => sqlitePragmas("uit")).toThrow(/INKOOP_TEMPORAL_SYNC/);
  });

  it("laten de eigen Temporal-server zonder fsync per commit schrijven, tenzij anders gevraagd", () => {
    expect(sqlitePragmas(undefined)).toEqual(["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"]);
    expect(sqlitePragmas("full")).toContain("synchronous=full");
  });
});
