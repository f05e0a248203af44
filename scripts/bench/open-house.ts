import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { toAmsterdamDate } from "../../domain/calendar";
import { toelatingscriteria } from "../../domain/catalogue";
import type { Actor } from "../../domain/shared/actor";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { listMailFiles, readMailbox } from "../inbox/mailbox";
import { ENGINE_IN_FLIGHT_UPDATES, measureEngineFloor, measurePdfFloor, measureSmtpFloor, besluitSamples, type EngineFloor } from "./floor";
import {
  client,
  cpuSeconds,
  dirBytes,
  expectStatus,
  fmtBytes,
  fmtLatency,
  fmtMs,
  grid,
  latency,
  pool,
  rss,
  setStageTimeout,
  sleep,
  stage,
  STAGE_TIMEOUT_MS,
  table,
  until,
  type Latency,
  type Res,
} from "./measure";
import { benchStack, type BenchStack } from "./stack";

/**
 * A whole Open House with N aanbieders on a real Temporal server, real SMTP and real PDFs, with the
 * engine's floor beside it measured in the same run (issue 15); prints the figures and the targets and
 * writes them to test-output/bench-<N>.json.
 *   npx tsx scripts/bench/open-house.ts [--aanbieders N] [--concurrency C] [--beoordelaars B]
 *     [--sluiting-s S] [--stage-limit-s L] [--vloer-calls M] [--zonder-vloer] [--alleen-vloer] [--keep]
 * --concurrency: submitters (and registrations, hoorbrieven) in flight, default 50 (the issue's figure);
 *   the floor is measured at the same concurrency.
 * --beoordelaars: inschrijvingen judged at the same time, default 10 (items of one inschrijving one after another).
 * --sluiting-s: seconds from publication to the closing instant, default 20 + 0.4 per aanbieder;
 *   a submission that comes too late is counted and left out, the rest of the procedure goes on.
 * --stage-limit-s: the longest one stage may take, default 120 + 4 per aanbieder (at 200 the besluiten took
 *   1.1 s per aanbieder and the cost per besluit still grows with N).
 * --alleen-vloer: only the floor (engine, pdfkit, SMTP), printed as JSON.
 * A benchmark, not a test: it fails only when a stage breaks or passes its limit; targets are printed.
 */
function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} verwacht een positief geheel getal`);
  return value;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

interface StageRecord {
  naam: string;
  wallMs: number;
  latency?: Latency;
  note?: string;
  cpuS: Record<string, number>;
  peakRssBytes: Record<string, number>;
  engineDbBytes: number;
  load1: number;
}

/** The processes of the run, sampled for RSS every 250 ms and read for CPU per stage. */
class Monitor {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  constructor(readonly procs: [name: string, pid: number][]) {}
  start(): void {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }
  stop(): void {
    clearInterval(this.timer);
  }
  private sample(): void {
    for (const [name, pid] of this.procs) {
      const now = rss(pid)?.now;
      if (now !== undefined && now > (this.peaks.get(name) ?? 0)) this.peaks.set(name, now);
    }
  }
  /** Peak RSS per process since the last call, then starts over. */
  takePeaks(): Record<string, number> {
    this.sample();
    const out = Object.fromEntries(this.peaks);
    this.peaks.clear();
    return out;
  }
  cpu(): Record<string, number> {
    return Object.fromEntries(this.procs.map(([name, pid]) => [name, cpuSeconds(pid) ?? NaN]));
  }
}

/** Mail files the inbox stored at or after `sinceMs` (its names start with the arrival time in ms). */
const arrivedMs = (file: string) => Number(file.slice(0, 13));

function loadNote(): string {
  const [a, b, c] = loadavg();
  return `load ${a!.toFixed(2)} ${b!.toFixed(2)} ${c!.toFixed(2)} (${cpus().length} cores)`;
}

/** Figures of earlier runs at other N (test-output/bench-<N>.json), for "per aanbieder does not grow with N". */
function earlierRuns(dir: string, n: number): { aanbieders: number; storagePerAanbieder: number; rssPerAanbieder: number; at: string }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^bench-\d+\.json$/.test(f));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { aanbieders: number; perAanbieder?: { engineStorageBytes: number; workerApiRssGrowthBytes: number; apiApart?: boolean }; at?: string })
    .filter((r) => r.aanbieders !== n && r.perAanbieder)
    // Runs from before the API had a process of its own counted the load and the inbox with it: not comparable.
    .map((r) => ({ aanbieders: r.aanbieders, storagePerAanbieder: r.perAanbieder!.engineStorageBytes, rssPerAanbieder: r.perAanbieder!.apiApart ? r.perAanbieder!.workerApiRssGrowthBytes : NaN, at: r.at ?? "" }))
    .sort((a, b) => a.aanbieders - b.aanbieders);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Submissions per second the machine could reach if everything behind the API cost what one bare update
 * costs (its client, worker and engine CPU): the load generator and the API are measured as they ran.
 * The API's own engine calls are in its CPU already; the bare update's client stands in for none of it.
 */
function submissionCeiling(submitMs: number[], bareMs: number[], cores = cpus().length): { perS: number; clientMs: number; apiMs: number; bareMs: number } {
  const [clientMs, apiMs] = submitMs as [number, number];
  const bareEngineMs = sum(bareMs.slice(1));
  return { perS: (cores * 1000) / (clientMs + apiMs + bareEngineMs), clientMs, apiMs, bareMs: bareEngineMs };
}

async function main(): Promise<void> {
  const n = numberArg("aanbieders", 25);
  const concurrency = numberArg("concurrency", 50);
  const beoordelaars = numberArg("beoordelaars", 10);
  const sluitingS = numberArg("sluiting-s", Math.ceil(20 + 0.4 * n));
  const vloerCalls = numberArg("vloer-calls", 1_000);
  setStageTimeout(numberArg("stage-limit-s", 120 + 4 * n) * 1000);
  const keep = process.argv.includes("--keep");
  const zonderVloer = process.argv.includes("--zonder-vloer");
  const outDir = join(__dirname, "..", "..", "test-output");
  const startedAt = new Date();
  const loadAtStart = loadNote();
  const stack = benchStack();
  const stages: StageRecord[] = [];
  let failed = false;
  let s: BenchStack | undefined;
  let monitor: Monitor | undefined;
  let cpuMark: Record<string, number> = {};
  const db = () => (s ? dirBytes(s.baseDir, (f) => f.startsWith("temporal.db")) : 0);

  /** Runs one stage under the (scaled) limit and records wall time, CPU and peak RSS per process, engine storage after it. */
  async function timed<T>(naam: string, run: () => Promise<T>, describe?: (value: T, wallMs: number) => { latency?: Latency; note?: string }): Promise<T> {
    monitor?.takePeaks();
    cpuMark = monitor?.cpu() ?? {};
    const t = performance.now();
    const value = await stage(naam, run);
    const wallMs = performance.now() - t;
    const cpuNow = monitor?.cpu() ?? {};
    const extra = describe?.(value, wallMs) ?? {};
    stages.push({
      naam,
      wallMs,
      ...extra,
      cpuS: Object.fromEntries(Object.entries(cpuNow).map(([k, v]) => [k, v - (cpuMark[k] ?? NaN)])),
      peakRssBytes: monitor?.takePeaks() ?? {},
      engineDbBytes: db(),
      load1: loadavg()[0]!,
    });
    return value;
  }

  try {
    const t0 = performance.now();
    s = await stage("stack starten", stack.start);
    const stackStartMs = performance.now() - t0;
    monitor = new Monitor([
      ["bench", process.pid],
      ["API", s.apiPid],
      ["worker", s.workerPid],
      ...(s.temporalPid === undefined ? [] : ([["temporal", s.temporalPid]] as [string, number][])),
      ["vloer-worker", s.floorWorkerPid],
    ]);
    monitor.start();
    const call = client(s.apiUrl);
    const dbAtStart = db();

    // ---- The floor, before the Open House, at the same concurrency as the submissions.
    let engineFloor: EngineFloor | undefined;
    let pdfFloor: Awaited<ReturnType<typeof measurePdfFloor>> | undefined;
    let smtpFloor: Latency | undefined;
    let smtpFloor1: Latency | undefined;
    if (!zonderVloer) {
      engineFloor = await timed("vloer: kale update/query (vloer-worker)", () => measureEngineFloor({ address: s!.temporalAddress, namespace: s!.namespace, taskQueue: s!.floorTaskQueue }, { concurrency, calls: vloerCalls, keys: Math.max(concurrency, 100), cpu: () => monitor!.cpu() }));
      pdfFloor = await timed("vloer: kale pdfkit-render (besluit)", () => measurePdfFloor(40), (v) => ({ latency: v }));
      const attachment = await besluitSamples()[0]!();
      smtpFloor = await timed("vloer: kale SMTP-verzending (4 tegelijk)", () => measureSmtpFloor(s!.smtpUrl, 100, 4, attachment), (v) => ({ latency: v }));
      smtpFloor1 = await measureSmtpFloor(s.smtpUrl, 30, 1, attachment);
    }
    const dbAfterFloor = db();
    if (process.argv.includes("--alleen-vloer")) {
      console.log(JSON.stringify({ engineFloor, pdfFloor, smtpFloor, smtpFloor1, load: loadNote() }, null, 1));
      return;
    }
    const rssAfterFloor = Object.fromEntries(monitor.procs.map(([name, pid]) => [name, rss(pid)?.now ?? NaN]));

    const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
    const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
    const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
    const aanbieders: Actor[] = Array.from({ length: n }, (_, i) => ({ rol: "aanbieder", id: `a${i + 1}`, kvk: String(40_000_000 + i + 1) }));
    const email = (a: Actor) => `${a.id}-${a.kvk}@aanbieder.example`;
    const failsTc05 = (a: Actor) => Number(a.kvk) % 5 === 0; // every 5th aanbieder fails TC05
    const procedureId = "oh-bench";
    const producten = offeredProducts("ambulant-jeugd").slice(0, 2);
    /** A POST with an Idempotency-Key, retried after a 5xx as a client would; `ms` counts from the first try. */
    const retried: Record<string, number> = {};
    const post = async (what: string, actor: Actor, path: string, body: object | undefined, key: string): Promise<Res> => {
      const t = performance.now();
      for (let attempt = 1; ; attempt++) {
        const res = await call(actor, "POST", path, body, { "Idempotency-Key": key });
        if (res.status >= 500 && attempt < 10) {
          retried[`${what} ${res.status}`] = (retried[`${what} ${res.status}`] ?? 0) + 1;
          await sleep((res.retryAfterS ?? 1) * 1000);
          continue;
        }
        // A 409 after a retry: the first try went through after all (a route without Idempotency-Key).
        return { ...res, ms: performance.now() - t, ...(res.status === 409 && attempt > 1 ? { status: 201 } : {}) };
      }
    };
    const timedCalls = async <T>(items: T[], lanes: number, fn: (item: T, i: number) => Promise<Res | undefined>): Promise<number[]> => {
      const ms: number[] = [];
      await pool(items, lanes, async (item, i) => {
        const res = await fn(item, i);
        if (res) ms.push(res.ms);
      });
      return ms;
    };

    await timed(
      `aanbieders registreren (${concurrency} tegelijk)`,
      () => timedCalls(aanbieders, concurrency, async (a, i) => expectStatus(`registratie ${a.kvk}`, await post("registratie", a, "/aanbieders", { kvk: a.kvk, naam: `Bench Zorg ${i + 1} B.V.`, email: email(a) }, `bench-reg-${a.kvk}`))),
      (ms, wall) => ({ latency: latency(ms, wall) }),
    );
    const dbAfterRegistratie = db();

    const sluitingAt = new Date(Date.now() + sluitingS * 1000);
    expectStatus(
      "procedure aanmaken",
      await call(inkoper, "POST", "/procedures", {
        id: procedureId,
        contractId: "ambulant-jeugd",
        titel: "Open House Ambulant Jeugd (benchmark)",
        publicatieAt: new Date(Date.now() - 1000).toISOString(),
        sluitingAt: sluitingAt.toISOString(),
        producten,
        instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
      }),
    );
    expectStatus("publiceren", await call(inkoper, "POST", `/procedures/${procedureId}/publicatie`));

    // ---- Submissions: `concurrency` submitters; one that comes after the closing instant is counted and left out.
    const te_laat: Actor[] = [];
    let submit503 = 0;
    const submit5xx: Record<number, number> = {};
    await timed(
      `inschrijven (${concurrency} tegelijk)`,
      () =>
        timedCalls(aanbieders, concurrency, async (a) => {
          // A 503 (the engine refused: too many updates in flight on the procedure) is retried with the same
          // Idempotency-Key after its Retry-After, as a client should; the latency counts from the first try.
          const t = performance.now();
          for (let attempt = 1; ; attempt++) {
            const res = await call(a, "POST", `/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten), { "Idempotency-Key": `bench-${a.kvk}` });
            if (res.status === 409 && Date.now() >= sluitingAt.getTime()) {
              te_laat.push(a);
              return undefined;
            }
            // Another 5xx is retried the same way (and counted apart): the API answers 500/502 for an engine call
            // that its own deadline cut off (gRPC CANCELLED), which is no refusal of the submission.
            if (res.status >= 500 && attempt < 10) {
              if (res.status === 503) submit503 += 1;
              else submit5xx[res.status] = (submit5xx[res.status] ?? 0) + 1;
              await sleep((res.retryAfterS ?? 1) * 1000);
              continue;
            }
            expectStatus(`inschrijving ${a.kvk}`, res);
            return { ...res, ms: performance.now() - t };
          }
        }),
      (ms, wall) => ({ latency: latency(ms, wall) }),
    );
    const submit = stages.at(-1)!.latency!;
    const slackMs = sluitingAt.getTime() - Date.now();
    const deelnemers = aanbieders.filter((a) => !te_laat.includes(a));
    if (deelnemers.length === 0) throw new Error("geen enkele inschrijving vóór het sluitingstijdstip; verhoog --sluiting-s");
    if (te_laat.length > 0) console.warn(`let op: ${te_laat.length} inschrijvingen na het sluitingstijdstip (verhoog --sluiting-s); de benchmark gaat verder met ${deelnemers.length}`);
    const dbAfterInschrijven = db();

    await sleep(Math.max(0, sluitingAt.getTime() - Date.now()));
    // The opening with four eyes (issue 13): two inkopers confirm once the round waits for it.
    await timed("sluiting → opening (2 inkopers) → proces-verbaal", async () => {
      await until("wacht op opening", async () => ((await call(inkoper, "GET", `/procedures/${procedureId}`)).body?.opening ? true : undefined), undefined, 250);
      for (const opener of [inkoper, { rol: "inkoper", id: "i.jansen" } as Actor]) expectStatus(`opening door ${opener.id}`, await post("opening", opener, `/procedures/${procedureId}/opening`, undefined, `bench-opening-${opener.id}`));
      await until(
        "proces-verbaal",
        async () => {
          const res = await call(inkoper, "GET", `/procedures/${procedureId}`);
          return res.body?.documenten?.some((d: { doel: string }) => d.doel === "proces-verbaal") ? true : undefined;
        },
        undefined,
        250,
      );
    });
    const closingToPvMs = Date.now() - sluitingAt.getTime();

    // ---- Judging: `beoordelaars` inschrijvingen at a time, the items of one after another.
    const items = toelatingscriteria.flatMap((c) => (c.perProduct ? producten.map((p) => `${c.code}:${p}`) : [c.code]));
    await timed(
      `beoordelen (${beoordelaars} inschrijvingen tegelijk)`,
      async () => {
        const ms: number[] = [];
        await pool(deelnemers, beoordelaars, async (a) => {
          const base = `/procedures/${procedureId}/inschrijvingen/${a.kvk}`;
          await until(`inschrijving ${a.kvk} in beoordeling`, async () => ((await call(inkoper, "GET", base)).body?.status === "beoordeling" ? true : undefined), undefined, 200);
          for (const item of items) {
            const fail = failsTc05(a) && item === "TC05";
            const res = await post(
              "beoordeling",
              beoordelaar,
              `${base}/beoordelingen`,
              {
                item,
                oordeel: fail ? "voldoet-niet" : "voldoet",
                motivering: fail ? "Geen bewijs van lidmaatschap van een branche- of beroepsvereniging." : `Aangetoond met het aangeleverde bewijs voor ${item}.`,
              },
              `bench-oordeel-${a.kvk}-${item}`,
            );
            if (res.status === 409 && /vrijgesteld/.test(res.body?.detail ?? "")) continue;
            expectStatus(`beoordeling ${a.kvk} ${item}`, res);
            ms.push(res.ms);
          }
        });
        return ms;
      },
      (ms, wall) => ({ latency: latency(ms, wall) }),
    );
    const dbAfterBeoordelen = db();

    // ---- Hoor en wederhoor for the failing ones, `concurrency` at a time; each letter gets a term 3 s
    // after its own call, so the term cannot pass before the letter goes out, however slow the sending.
    const falend = deelnemers.filter(failsTc05);
    let laatsteTermijnEinde = Date.now();
    await timed(
      `hoor en wederhoor starten (${falend.length} hoorbrieven, ${concurrency} tegelijk)`,
      () =>
        timedCalls(falend, concurrency, async (a) => {
          const termijnEinde = Date.now() + 3_000;
          laatsteTermijnEinde = Math.max(laatsteTermijnEinde, termijnEinde);
          return expectStatus(`hoor en wederhoor ${a.kvk}`, await post("hoor en wederhoor", beoordelaar, `/procedures/${procedureId}/inschrijvingen/${a.kvk}/hoor-en-wederhoor`, { termijnEinde: new Date(termijnEinde).toISOString() }, `bench-hoor-${a.kvk}`));
        }),
      (ms, wall) => ({ latency: latency(ms, wall) }),
    );
    await timed("laatste hoortermijn verstreken → alle uitkomsten", () =>
      until("alle uitkomsten", async () => ((await call(inkoper, "GET", `/procedures/${procedureId}`)).body?.rondes?.[0]?.aantalBeoordeeld === deelnemers.length ? true : undefined), undefined, 250),
    );
    const termijnToUitkomstenMs = Math.max(0, Date.now() - laatsteTermijnEinde);

    // ---- Gunning: proposal, akkoord, then every aanbieder its besluit (PDF) by mail.
    const voorstel = await timed("gunningsvoorstel (1 call)", async () =>
      expectStatus("gunningsvoorstel", await post("gunningsvoorstel", inkoper, `/procedures/${procedureId}/gunningsvoorstel`, { toelichting: "Beoordeling afgerond conform 4.4.1." }, "bench-gunningsvoorstel")),
    );
    const approvalAt = Date.now();
    const ta = performance.now();
    let akkoordMs = 0;
    const besluitMails = await timed(`akkoord → alle ${deelnemers.length} besluitmails in de inbox`, async () => {
      const akkoord = expectStatus("akkoord", await post("akkoord", directeur, `/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }, "bench-akkoord"));
      akkoordMs = akkoord.ms;
      if (!Object.keys(retried).some((k) => k.startsWith("akkoord")) && akkoord.body?.status !== "vastgesteld") throw new Error(`akkoord: status ${akkoord.body?.status}`);
      return until(
        "alle besluitmails",
        async () => {
          // Counting names is cheap; the mails are parsed only once enough have arrived.
          const fresh = (await listMailFiles(s!.mailDir)).filter((f) => arrivedMs(f) >= approvalAt);
          if (fresh.length < deelnemers.length) return undefined;
          const mail = (await readMailbox(s!.mailDir)).filter((m) => arrivedMs(m.file) >= approvalAt && /besluit/.test(m.subject));
          const perAanbieder = deelnemers.map((a) => mail.filter((m) => m.to.includes(email(a))));
          return perAanbieder.every((l) => l.length > 0) ? perAanbieder : undefined;
        },
        undefined,
        200,
      );
    });
    const approvalWallMs = performance.now() - ta;
    const besluitArrivals = besluitMails.map((l) => arrivedMs(l[0]!.file)).sort((a, b) => a - b);
    const approvalToMailsMs = besluitArrivals.at(-1)! - approvalAt;
    const duplicates = besluitMails.filter((l) => l.length > 1).length;
    const afwijzingen = besluitMails.filter((l) => /Afwijzingsbesluit/.test(l[0]!.subject)).length;
    const pdfSizes = besluitMails.flatMap((l) => l[0]!.attachments.filter((x) => x.contentType === "application/pdf").map((x) => x.size));
    // When the besluit PDFs were written (the document store names them by hash; their mtime is when).
    const docsDir = join(s.dataDir, "documents");
    const pdfTimes = readdirSync(docsDir)
      .filter((f) => f.endsWith(".pdf"))
      .map((f) => statSync(join(docsDir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0)
      .filter((t) => t >= approvalAt)
      .sort((a, b) => a - b);
    const spread = (times: number[]) => (times.length ? { eerste: times[0]! - approvalAt, mediaan: times[Math.floor(times.length / 2)]! - approvalAt, laatste: times.at(-1)! - approvalAt } : { eerste: NaN, mediaan: NaN, laatste: NaN });

    await sleep(500); // let the last mail sends settle before sizing the directories
    const dbEnd = db();
    const rssEnd = Object.fromEntries(monitor.procs.map(([name, pid]) => [name, rss(pid) ?? { now: NaN, peak: NaN }]));
    monitor.stop();
    const loadAtEnd = loadNote();

    // ---------------------------------------------------------------- printing
    const procNames = monitor.procs.map(([name]) => name);
    const out: string[] = [];
    out.push(`\nOpen House-benchmark: ${n} aanbieders (${deelnemers.length} ingeschreven, ${te_laat.length} te laat), ${producten.length} producten, ${items.length} items per inschrijving`);
    out.push(`  start ${startedAt.toISOString()} · ${loadAtStart} · einde ${loadAtEnd} · stack start ${fmtMs(stackStartMs)} · stage-limiet ${STAGE_TIMEOUT_MS / 1000} s`);
    out.push("\nStappen (CPU in s per proces tijdens de stap; piek-RSS tijdens de stap; Temporal-opslag na de stap)");
    out.push(
      grid(
        ["stap", "wand", "doorvoer · p50 · p99", ...procNames.map((p) => `CPU ${p}`), ...procNames.map((p) => `RSS ${p}`), "opslag", "load1"],
        stages.map((st) => [
          st.naam,
          fmtMs(st.wallMs),
          st.latency ? `${st.latency.perS.toFixed(1)}/s · ${fmtMs(st.latency.p50)} · ${fmtMs(st.latency.p99)}` : "",
          ...procNames.map((p) => (Number.isFinite(st.cpuS[p]) ? st.cpuS[p]!.toFixed(1) : "")),
          ...procNames.map((p) => (st.peakRssBytes[p] ? fmtBytes(st.peakRssBytes[p]!) : "")),
          fmtBytes(st.engineDbBytes),
          st.load1.toFixed(1),
        ]),
      ),
    );

    const rows: [string, string][] = [];
    rows.push([`inschrijven (${concurrency} tegelijk)`, `${fmtLatency(submit)}; ${submit503} × 503 en ${Object.entries(submit5xx).map(([k, v]) => `${v} × ${k}`).join(", ") || "geen andere 5xx"} opnieuw geprobeerd (zelfde Idempotency-Key); ${fmtMs(slackMs)} over tot sluiting`]);
    if (engineFloor) {
      rows.push([`  vloer: kale update, 1 sleutel (${concurrency} bellers, max ${ENGINE_IN_FLIGHT_UPDATES} bij de engine)`, fmtLatency(engineFloor.updateOneKey)]);
      rows.push([`  vloer: kale update, 1 sleutel (${ENGINE_IN_FLIGHT_UPDATES} tegelijk, zonder wachtrij)`, fmtLatency(engineFloor.updateOneKeyAtLimit)]);
      rows.push([`  vloer: kale update, ${engineFloor.updateManyKeys.keys} sleutels (${concurrency} tegelijk)`, fmtLatency(engineFloor.updateManyKeys)]);
      rows.push([`  vloer: kale query, 1 sleutel (${concurrency} tegelijk)`, fmtLatency(engineFloor.queryOneKey)]);
    }
    // Where the CPU of a submission goes, beside that of a bare update: on 2 cores the processes share the
    // machine, so together they bound what any submission through the API can reach.
    const submitStage = stages.find((st) => st.naam.startsWith("inschrijven"))!;
    const msPer = (cpuS: Record<string, number>, names: string[], calls: number) => names.map((p) => ((cpuS[p] ?? NaN) * 1000) / calls);
    const submitCpu = msPer(submitStage.cpuS, ["bench", "API", "worker", "temporal"], submit.n);
    rows.push([`  CPU per inschrijving (bench + API + worker + temporal)`, `${submitCpu.map((v) => v.toFixed(1)).join(" + ")} = ${sum(submitCpu).toFixed(1)} ms`]);
    const bareCpu = engineFloor?.updateOneKeyCpuS;
    const bare = bareCpu ? msPer(bareCpu.perProcess, ["bench", "vloer-worker", "temporal"], bareCpu.calls) : undefined;
    const ceiling = bare ? submissionCeiling(submitCpu, bare) : undefined;
    if (bare && ceiling) {
      rows.push([`  CPU per kale update, 1 sleutel (bench + vloer-worker + temporal)`, `${bare.map((v) => v.toFixed(1)).join(" + ")} = ${sum(bare).toFixed(1)} ms`]);
      rows.push([
        `  plafond: inschrijvingen/s op ${cpus().length} cores als de engine-kant niet meer kost dan één kale update`,
        `${ceiling.perS.toFixed(1)}/s (${cpus().length} × 1000 / (bench ${ceiling.clientMs.toFixed(1)} + API ${ceiling.apiMs.toFixed(1)} + vloer-worker en temporal van een kale update ${ceiling.bareMs.toFixed(1)} ms))`,
      ]);
    }
    const reg = stages.find((st) => st.naam.startsWith("aanbieders registreren"))!.latency!;
    rows.push([`registreren (${concurrency} tegelijk, update-with-start op eigen sleutel)`, fmtLatency(reg)]);
    const judge = stages.find((st) => st.naam.startsWith("beoordelen"))!.latency!;
    rows.push([`beoordelen (${beoordelaars} inschrijvingen tegelijk)`, fmtLatency(judge)]);
    const hoor = stages.find((st) => st.naam.startsWith("hoor en wederhoor"))!.latency!;
    rows.push([`hoorbrieven (PDF + mail, ${concurrency} tegelijk)`, fmtLatency(hoor)]);
    rows.push(["sluiting → opening → proces-verbaal beschikbaar", fmtMs(closingToPvMs)]);
    rows.push(["laatste hoortermijn verstreken → alle uitkomsten", fmtMs(termijnToUitkomstenMs)]);
    rows.push(["akkoord-call (beslissing, 1 call)", fmtMs(akkoordMs)]);
    const pdfSpread = spread(pdfTimes);
    const mailSpread = spread(besluitArrivals);
    rows.push([
      "akkoord → besluit-PDF's opgeslagen (eerste / mediaan / laatste)",
      `${fmtMs(pdfSpread.eerste)} / ${fmtMs(pdfSpread.mediaan)} / ${fmtMs(pdfSpread.laatste)} (${pdfTimes.length} PDF's, ${((pdfTimes.length / Math.max(1, pdfSpread.laatste - pdfSpread.eerste)) * 1000).toFixed(1)}/s)`,
    ]);
    rows.push(["akkoord → besluitmails ontvangen (eerste / mediaan / laatste)", `${fmtMs(mailSpread.eerste)} / ${fmtMs(mailSpread.mediaan)} / ${fmtMs(mailSpread.laatste)}`]);
    rows.push(["akkoord → alle besluitmails in de inbox", `${fmtMs(approvalToMailsMs)} (${deelnemers.length} mails, ${afwijzingen} afwijzingen, ${duplicates} dubbel; ${fmtMs(approvalToMailsMs / deelnemers.length)} per besluit; wachten tot gezien ${fmtMs(approvalWallMs)})`]);
    if (pdfFloor) rows.push(["  vloer: kale pdfkit-render besluit (na elkaar, 1 core)", `${fmtLatency(pdfFloor)}; ${fmtBytes(pdfFloor.bytes)}`]);
    if (smtpFloor) rows.push(["  vloer: kale SMTP-verzending met PDF (4 tegelijk)", fmtLatency(smtpFloor)]);
    if (smtpFloor1) rows.push(["  vloer: kale SMTP-verzending met PDF (1 tegelijk)", fmtLatency(smtpFloor1)]);
    const besluitFloorMs = pdfFloor && smtpFloor ? Math.max((deelnemers.length * pdfFloor.p50) / 2, (deelnemers.length / smtpFloor.perS) * 1000) : NaN;
    if (pdfFloor && smtpFloor) rows.push([`  vloer akkoord → ${deelnemers.length} mails (afgeleid: 2 cores renderen, SMTP 4 tegelijk)`, fmtMs(besluitFloorMs)]);
    rows.push(["besluit-PDF min / mediaan / max", `${fmtBytes(Math.min(...pdfSizes))} / ${fmtBytes(pdfSizes.sort((a, b) => a - b)[Math.floor(pdfSizes.length / 2)]!)} / ${fmtBytes(Math.max(...pdfSizes))}`]);
    const documentsBytes = dirBytes(docsDir);
    rows.push(["documenten (<dataDir>/documents)", fmtBytes(documentsBytes)]);
    const storage = dbEnd - dbAfterFloor;
    rows.push([
      "Temporal-opslag (SQLite + journal)",
      `${fmtBytes(dbEnd)} totaal; Open House ${fmtBytes(storage)} = ${fmtBytes(storage / n)} per aanbieder (start ${fmtBytes(dbAtStart)}, na vloer ${fmtBytes(dbAfterFloor)}, na registratie ${fmtBytes(dbAfterRegistratie)}, na inschrijven ${fmtBytes(dbAfterInschrijven)}, na beoordelen ${fmtBytes(dbAfterBeoordelen)})`,
    ]);
    for (const [name] of monitor.procs) {
      const m = rssEnd[name]!;
      rows.push([`RSS ${name} (nu / piek)`, `${fmtBytes(m.now)} / ${fmtBytes(m.peak)}`]);
    }
    const workerApiPeak = rssEnd["API"]!.peak + rssEnd["worker"]!.peak;
    const workerApiGrowth = Math.max(0, workerApiPeak - (rssAfterFloor["API"]! + rssAfterFloor["worker"]!));
    const enginePeak = rssEnd["temporal"]?.peak ?? NaN;
    rows.push(["RSS per aanbieder (worker + API: groei na vloer / N; engine: piek / N)", `${fmtBytes(workerApiGrowth / n)} · engine ${fmtBytes(enginePeak / n)}`]);
    if (Object.keys(retried).length) rows.push(["opnieuw geprobeerd na 5xx (zelfde Idempotency-Key)", Object.entries(retried).map(([k, v]) => `${k}: ${v}×`).join(", ")]);
    out.push(`\nCijfers\n${table(rows)}`);

    // ---------------------------------------------------------------- targets
    const ok = (pass: boolean | undefined) => (pass === undefined ? "—" : pass ? "gehaald" : "NIET gehaald");
    const targets: { doel: string; gemeten: string; norm: string; pass: boolean | undefined }[] = [];
    const oneKey = engineFloor?.updateOneKey;
    targets.push({ doel: `inschrijvingen/s (${concurrency} tegelijk) ≥ 0,5 × vloer 1 sleutel`, gemeten: `${submit.perS.toFixed(1)}/s`, norm: oneKey ? `≥ ${(0.5 * oneKey.perS).toFixed(1)}/s` : "geen vloer", pass: oneKey ? submit.perS >= 0.5 * oneKey.perS : undefined });
    if (ceiling && oneKey) targets.push({ doel: "  (plafond met API ervoor: zie Cijfers)", gemeten: `${ceiling.perS.toFixed(1)}/s`, norm: `≥ ${(0.5 * oneKey.perS).toFixed(1)}/s`, pass: undefined });
    targets.push({ doel: `inschrijving p99 ≤ 1,5 × kale p99 1 sleutel (${concurrency} tegelijk)`, gemeten: fmtMs(submit.p99), norm: oneKey ? `≤ ${fmtMs(1.5 * oneKey.p99)}` : "geen vloer", pass: oneKey ? submit.p99 <= 1.5 * oneKey.p99 : undefined });
    targets.push({
      doel: "akkoord → alle besluitmails < 20 s bij 500",
      gemeten: `${fmtMs(approvalToMailsMs)} bij ${deelnemers.length} (lineair naar 500: ${fmtMs((approvalToMailsMs / deelnemers.length) * 500)})`,
      norm: "< 20 s bij 500",
      pass: n >= 500 ? approvalToMailsMs < 20_000 : undefined,
    });
    const earlier = earlierRuns(outDir, n);
    const trend = (pick: (r: { storagePerAanbieder: number; rssPerAanbieder: number }) => number) => earlier.map((r) => `N=${r.aanbieders}: ${Number.isFinite(pick(r)) ? fmtBytes(pick(r)) : "n.v.t."}`).join(", ");
    targets.push({ doel: "engine-opslag per aanbieder groeit niet met N", gemeten: `${fmtBytes(storage / n)} bij N=${n}`, norm: earlier.length ? `eerdere runs: ${trend((r) => r.storagePerAanbieder)}` : "vergelijk met runs bij andere N", pass: undefined });
    targets.push({ doel: "geheugen (worker + API) per aanbieder groeit niet met N", gemeten: `${fmtBytes(workerApiGrowth / n)} bij N=${n}`, norm: earlier.length ? `eerdere runs: ${trend((r) => r.rssPerAanbieder)}` : "vergelijk met runs bij andere N", pass: undefined });
    targets.push({ doel: "worker + API < 1 GiB bij 500 (som van de pieken; API met mail-relay, zoals npm start)", gemeten: fmtBytes(workerApiPeak), norm: "< 1 GiB", pass: n >= 500 ? workerApiPeak < GiB : workerApiPeak < GiB ? undefined : false });
    targets.push({ doel: "engine < 1 GiB bij 500 (piek-RSS Temporal)", gemeten: fmtBytes(enginePeak), norm: "< 1 GiB", pass: n >= 500 ? enginePeak < GiB : enginePeak < GiB ? undefined : false });
    out.push(`\nDoelen (issue 15)\n${grid(["doel", "gemeten", "norm", "uitkomst"], targets.map((t) => [t.doel, t.gemeten, t.norm, ok(t.pass)]))}\n`);
    console.log(out.join("\n"));

    const figures = {
      bench: "open-house",
      at: startedAt.toISOString(),
      aanbieders: n,
      ingeschreven: deelnemers.length,
      teLaat: te_laat.length,
      concurrency,
      beoordelaars,
      sluitingS,
      load: { start: loadAtStart, end: loadAtEnd },
      stackStartMs,
      stages,
      floor: { engine: engineFloor ?? null, pdf: pdfFloor ?? null, smtp4: smtpFloor ?? null, smtp1: smtpFloor1 ?? null, approvalToMailsDerivedMs: besluitFloorMs },
      submit,
      submitCpuMs: { bench: submitCpu[0], api: submitCpu[1], worker: submitCpu[2], temporal: submitCpu[3] },
      submitCeiling: ceiling ?? null,
      submit503,
      submit5xx,
      retried,
      closingSlackMs: slackMs,
      closingToPvMs,
      termijnToUitkomstenMs,
      akkoordCallMs: akkoordMs,
      approvalToMailsMs,
      besluitPdfs: { count: pdfTimes.length, ...pdfSpread },
      besluitMails: { count: besluitArrivals.length, ...mailSpread, afwijzingen, duplicates },
      pdfBytes: { min: Math.min(...pdfSizes), max: Math.max(...pdfSizes) },
      documentsBytes,
      engineDbBytes: { start: dbAtStart, afterFloor: dbAfterFloor, afterRegistratie: dbAfterRegistratie, afterInschrijven: dbAfterInschrijven, afterBeoordelen: dbAfterBeoordelen, end: dbEnd },
      rss: { afterFloor: rssAfterFloor, end: rssEnd },
      perAanbieder: { engineStorageBytes: storage / n, workerApiRssGrowthBytes: workerApiGrowth / n, apiApart: true, engineRssPeakBytes: enginePeak / n },
      targets,
    };
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `bench-${n}.json`);
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`cijfers geschreven naar ${file}${keep ? `; data bewaard in ${s.baseDir}` : ""}`);
  } catch (err) {
    report(err);
    failed = true;
  } finally {
    monitor?.stop();
    // Retry timers of calls cut off by the stop fire on a closed channel; that is the stop, not a finding.
    process.on("uncaughtException", (err) => {
      if (!/Channel has been shut down/.test(String(err))) throw err;
    });
    await stack.stop(keep);
  }
  if (failed) process.exit(1);
}

function report(err: unknown): void {
  const chain: string[] = [];
  for (let e: unknown = err; e !== undefined && chain.length < 6; e = e instanceof Error ? e.cause : undefined) chain.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  console.error(`benchmark mislukt: ${chain.join(" ← ")}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    report(err);
    process.exit(1);
  },
);
