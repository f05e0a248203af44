import { join } from "node:path";
import { toAmsterdamDate } from "../../domain/calendar";
import { toelatingscriteria } from "../../domain/catalogue";
import type { Actor } from "../../domain/shared/actor";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { readMailbox } from "../inbox/mailbox";
import { client, dirBytes, expectStatus, fmtBytes, fmtMs, pool, quantile, rss, sleep, stage, table, until } from "./measure";
import { benchStack } from "./stack";

/**
 * A whole Open House with N aanbieders on a real Temporal server, real SMTP and real PDFs; prints figures.
 *   npx tsx scripts/bench/open-house.ts [--aanbieders N] [--concurrency C] [--keep]
 * A benchmark, not a test: it fails only when a stage breaks or takes longer than 120 s.
 */
function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} verwacht een positief geheel getal`);
  return value;
}

async function main(): Promise<void> {
  const n = numberArg("aanbieders", 25);
  const concurrency = numberArg("concurrency", 5);
  const keep = process.argv.includes("--keep");
  const rows: [string, string][] = [];
  const figures: Record<string, number> = { aanbieders: n, concurrency };
  const rec = (key: string, value: number): number => (figures[key] = value);
  const stack = benchStack();
  try {
    let t = performance.now();
    const s = await stage("stack starten", stack.start);
    rows.push(["stack start (Temporal, worker, inbox, API)", fmtMs(rec("stackStartMs", performance.now() - t))]);
    const call = client(s.apiUrl);

    const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
    const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
    const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
    const aanbieders: Actor[] = Array.from({ length: n }, (_, i) => ({ rol: "aanbieder", id: `a${i + 1}`, kvk: String(40_000_000 + i + 1) }));
    const email = (a: Actor) => `${a.id}-${a.kvk}@aanbieder.example`;
    const fails = (i: number) => (i + 1) % 5 === 0; // every 5th aanbieder fails TC05
    const procedureId = "oh-bench";
    const producten = offeredProducts("ambulant-jeugd").slice(0, 2);

    await stage("aanbieders registreren", () =>
      pool(aanbieders, concurrency, async (a, i) => {
        expectStatus(`registratie ${a.kvk}`, await call(a, "POST", "/aanbieders", { kvk: a.kvk, naam: `Bench Zorg ${i + 1} B.V.`, email: email(a) }));
      }),
    );

    const sluitingAt = new Date(Date.now() + 3_000 + n * 150);
    expectStatus("procedure aanmaken", await call(inkoper, "POST", "/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant Jeugd (benchmark)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      producten,
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    }));
    expectStatus("publiceren", await call(inkoper, "POST", `/procedures/${procedureId}/publicatie`));

    const submitMs: number[] = [];
    t = performance.now();
    await stage("inschrijven", () =>
      pool(aanbieders, concurrency, async (a) => {
        const res = await call(a, "POST", `/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten), { "Idempotency-Key": `bench-${a.kvk}` });
        expectStatus(`inschrijving ${a.kvk}`, res);
        submitMs.push(res.ms);
      }),
    );
    const submitWall = performance.now() - t;
    const slack = sluitingAt.getTime() - Date.now();
    if (slack < 0) throw new Error(`inschrijven liep ${-slack} ms over het sluitingstijdstip heen`);
    rec("closingSlackMs", slack);
    rows.push(["inschrijven latency p50 / p95 / max", [rec("submitP50Ms", quantile(submitMs, 0.5)), rec("submitP95Ms", quantile(submitMs, 0.95)), rec("submitMaxMs", Math.max(...submitMs))].map(fmtMs).join(" / ")]);
    rows.push([`inschrijven doorvoer (${concurrency} tegelijk)`, `${rec("submitPerS", n / (submitWall / 1000)).toFixed(1)} /s (${fmtMs(submitWall)} voor ${n}; ${fmtMs(slack)} over tot sluiting)`]);

    await sleep(Math.max(0, sluitingAt.getTime() - Date.now()));
    // The opening with four eyes (issue 13): two inkopers confirm once the round waits for it.
    await until("wacht op opening", async () => ((await call(inkoper, "GET", `/procedures/${procedureId}`)).body?.opening ? true : undefined));
    for (const opener of [inkoper, { rol: "inkoper", id: "i.jansen" } as Actor]) expectStatus(`opening door ${opener.id}`, await call(opener, "POST", `/procedures/${procedureId}/opening`));
    await until("proces-verbaal", async () => {
      const res = await call(inkoper, "GET", `/procedures/${procedureId}`);
      return res.body?.documenten?.some((d: { doel: string }) => d.doel === "proces-verbaal") ? true : undefined;
    });
    rows.push(["sluiting → opening → proces-verbaal beschikbaar", fmtMs(rec("closingToPvMs", Date.now() - sluitingAt.getTime()))]);

    const items = toelatingscriteria.flatMap((c) => (c.perProduct ? producten.map((p) => `${c.code}:${p}`) : [c.code]));
    const judgeMs: number[] = [];
    t = performance.now();
    await stage("beoordelen", async () => {
      for (const [i, a] of aanbieders.entries()) {
        const base = `/procedures/${procedureId}/inschrijvingen/${a.kvk}`;
        await until(`inschrijving ${a.kvk} in beoordeling`, async () => ((await call(inkoper, "GET", base)).body?.status === "beoordeling" ? true : undefined));
        for (const item of items) {
          const fail = fails(i) && item === "TC05";
          const res = await call(beoordelaar, "POST", `${base}/beoordelingen`, {
            item,
            oordeel: fail ? "voldoet-niet" : "voldoet",
            motivering: fail ? "Geen bewijs van lidmaatschap van een branche- of beroepsvereniging." : `Aangetoond met het aangeleverde bewijs voor ${item}.`,
          });
          if (res.status === 409 && /vrijgesteld/.test(res.body?.detail ?? "")) continue;
          expectStatus(`beoordeling ${a.kvk} ${item}`, res);
          judgeMs.push(res.ms);
        }
      }
    });
    const judgeWall = performance.now() - t;
    rec("judgeCalls", judgeMs.length);
    rows.push(["beoordeling latency p50 / p95", [rec("judgeP50Ms", quantile(judgeMs, 0.5)), rec("judgeP95Ms", quantile(judgeMs, 0.95))].map(fmtMs).join(" / ")]);
    rows.push(["beoordeling doorvoer (1 beoordelaar, na elkaar)", `${rec("judgePerS", judgeMs.length / (judgeWall / 1000)).toFixed(1)} calls/s (${judgeMs.length} calls in ${fmtMs(judgeWall)})`]);

    // The failing ones stay in "beoordeling" until hoor en wederhoor has run; nobody replies.
    const termijnEinde = new Date(Date.now() + 2_000);
    for (const [i, a] of aanbieders.entries()) {
      if (!fails(i)) continue;
      expectStatus(`hoor en wederhoor ${a.kvk}`, await call(beoordelaar, "POST", `/procedures/${procedureId}/inschrijvingen/${a.kvk}/hoor-en-wederhoor`, { termijnEinde: termijnEinde.toISOString() }));
    }
    await until("alle uitkomsten", async () => ((await call(inkoper, "GET", `/procedures/${procedureId}`)).body?.rondes?.[0]?.aantalBeoordeeld === n ? true : undefined));
    rows.push(["einde hoortermijn → alle uitkomsten", fmtMs(rec("termijnToUitkomstenMs", Math.max(0, Date.now() - termijnEinde.getTime())))]);

    const voorstel = expectStatus("gunningsvoorstel", await call(inkoper, "POST", `/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Beoordeling afgerond conform 4.4.1." }));
    t = performance.now();
    const akkoord = expectStatus("akkoord", await call(directeur, "POST", `/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
    if (akkoord.body?.status !== "vastgesteld") throw new Error(`akkoord: status ${akkoord.body?.status}`);
    const besluitMails = await until(
      "alle besluitmails",
      async () => {
        const mail = await readMailbox(s.mailDir);
        const perAanbieder = aanbieders.map((a) => mail.filter((m) => m.to.includes(email(a)) && /besluit/.test(m.subject)));
        return perAanbieder.every((l) => l.length > 0) ? perAanbieder : undefined;
      },
      undefined,
      200,
    );
    const approvalToMails = rec("approvalToMailsMs", performance.now() - t);
    const duplicates = besluitMails.filter((l) => l.length > 1).length;
    const afwijzingen = besluitMails.filter((l) => /Afwijzingsbesluit/.test(l[0]!.subject)).length;
    const pdfSizes = besluitMails.flatMap((l) => l[0]!.attachments.filter((x) => x.contentType === "application/pdf").map((x) => x.size));
    Object.assign(figures, { afwijzingen, duplicateBesluitMails: duplicates });
    rows.push(["akkoord → alle besluitmails in de inbox", `${fmtMs(approvalToMails)} (${n} mails, ${afwijzingen} afwijzingen, ${duplicates} dubbel)`]);
    rows.push(["besluit-PDF min / mediaan / max", [rec("pdfMinBytes", Math.min(...pdfSizes)), rec("pdfP50Bytes", quantile(pdfSizes, 0.5)), rec("pdfMaxBytes", Math.max(...pdfSizes))].map(fmtBytes).join(" / ")]);

    await sleep(500); // let the last mail sends settle before sizing the directories
    rows.push(["documenten (<dataDir>/documents)", fmtBytes(rec("documentsBytes", dirBytes(join(s.dataDir, "documents"))))]);
    rows.push(["Temporal-opslag (SQLite)", fmtBytes(rec("temporalDbBytes", dirBytes(s.baseDir, (f) => f.startsWith("temporal.db"))))]);
    rec("mailBytes", dirBytes(s.mailDir));
    for (const [name, pid] of [["worker", s.workerPid], ["temporal-server", s.temporalPid]] as const) {
      const mem = pid === undefined ? null : rss(pid);
      if (!mem) continue;
      rows.push([`RSS ${name} (nu / piek)`, `${fmtBytes(rec(`${name}RssBytes`, mem.now))} / ${fmtBytes(rec(`${name}PeakRssBytes`, mem.peak))}`]);
    }

    console.log(`\nOpen House-benchmark: ${n} aanbieders, ${producten.length} producten, ${items.length} items per inschrijving\n${table(rows)}\n`);
    const rounded = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    console.log(JSON.stringify({ bench: "open-house", ...rounded }));
  } finally {
    await stack.stop(keep);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`benchmark mislukt: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
