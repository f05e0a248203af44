import { z } from "zod";
import { findContract } from "../../domain/catalogue";
import type { BesluitDocumentSpec, BesluitInhoud } from "../../domain/besluit/besluit";
import { algemeenBesluitDocument, ingangsdatumOf, procedureRef } from "../../domain/procedure/documents";
import type { ProcedureCommand } from "../../domain/procedure/decide";
import type { ProcedureEvent, ProcedureState } from "../../domain/procedure/procedure";
import { geselecteerd, winnaars, type SasCommand } from "../../domain/sas/decide";
import { sasBeslissingDocument, sasBeslissingTitel, sasBesluitType, sasVoorstelDocument, sasVoorstelTitel } from "../../domain/sas/documents";
import { gegundPerceel } from "../../domain/sas/percelen";
import type { SasState, Voorstel } from "../../domain/sas/sas";
import { SYSTEEM, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { bezwaarAfgehandeldMail, bezwaarOntvangenMail, notaVanWijzigingenMail, sasUitnodigingInschrijvingMail } from "../../templates/mail";
import type { BesluitGenomenMessage } from "../besluit/definition";
import { aanbiederContacten, renderDocument, sendNotification } from "../runtime/effects";
import type { Entity } from "../runtime/entity";
import { besluitType, contractType } from "../runtime/entity-types";
import { ActorOnly, PENDING_ID } from "../runtime/inputs";
import { fail, parseOrRefuse } from "../runtime/refusal";
import { procedureEntity, SasOpdrachtSchema, type SasOpdracht, type SasResultaat } from "./definition";
import { live, type Live } from "./view";

type E = ProcedureEvent;
const SasInput = z.object({ opdracht: SasOpdrachtSchema });

/** The log's "why" of a step: its motivation or explanation, where it has one. */
function redenOf(command: SasCommand): string | undefined {
  const data = (command as { data?: { motivering?: unknown; toelichting?: unknown } }).data;
  const reden = data?.motivering ?? data?.toelichting;
  return typeof reden === "string" ? reden : undefined;
}

/** What the procedure workflow lends the SAS steps: its entity and its way of running a rule. */
export interface SasDeps {
  entity: Entity<ProcedureState, E>;
  run: (command: ProcedureCommand, reden?: string) => { state: ProcedureState; events: E[] };
  rule: (command: ProcedureCommand) => (s: ProcedureState, now: Date) => E[] | ReturnType<typeof refuse>;
  newBesluitId: (prefix: string) => string;
}

const sasOf = (s: Live): SasState => s.sas ?? fail(refuse("OngeldigeInvoer", 409, "Deze procedure is geen SAS-aanbesteding."));

/**
 * The SAS's steps after the aanmelding (selectie, dialoog, inschrijving, opening, gunning, bezwaar):
 * one update whose validator runs domain/sas; the handler adds what the rules cannot do themselves:
 * besluit ids and lots, PDFs, mails, besluiten for the authority, contracts.
 */
export function registerSas({ entity, run, rule, newBesluitId }: SasDeps): { besluitGenomen: (m: BesluitGenomenMessage) => Promise<boolean> } {
  const key = entity.key;

  /** Lots for the tie rule: drawn by the workflow (deterministic on replay) and recorded in the proposal. */
  const drawLots = (kvks: string[]): Record<string, number> =>
    Object.fromEntries(kvks.map((kvk) => [kvk, parseInt(entity.uuid().replace(/-/g, "").slice(0, 8), 16) / 0x100000000]));

  function commandOf(i: unknown, pending: boolean): SasCommand {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const { opdracht } = parseOrRefuse(SasInput, i);
    const s = live(entity.state);
    const id = (prefix: string) => (pending ? PENDING_ID : newBesluitId(prefix));
    switch (opdracht.type) {
      case "GeefScore":
      case "StelConsensusVast": {
        const { type, ...data } = opdracht;
        return { type, actor, data };
      }
      case "ProposeSelectie":
        return { type: "ProposeSelectie", actor, data: { besluitId: id("SEL"), toelichting: opdracht.toelichting, loten: pending ? {} : drawLots(s.inschrijvingen.map((a) => a.kvk)) } };
      case "ProposeGunningssystematiek":
        return { type: "ProposeGunningssystematiek", actor, data: { besluitId: id("GS"), wegingen: opdracht.wegingen, schaal: opdracht.schaal, motivering: opdracht.motivering } };
      case "RecordDialoogsessie":
      case "PublishWijziging":
      case "SluitDialoog":
      case "DienBezwaarIn":
      case "HandelBezwaarAf": {
        const { type, ...data } = opdracht;
        return { type, actor, data } as SasCommand;
      }
      case "SubmitOfferte": {
        const { type: _t, ...data } = opdracht;
        return { type: "SubmitOfferte", actor, data: { ...data, ontvangstbewijsId: pending ? PENDING_ID : entity.uuid() } };
      }
      case "BevestigOpening":
        return { type: "BevestigOpening", actor };
      case "ProposeVoorlopigeGunning":
        return { type: "ProposeVoorlopigeGunning", actor, data: { besluitId: id("VG"), toelichting: opdracht.toelichting, loten: pending ? {} : drawLots(sasOf(s).offertes.ontvangen.map((o) => o.kvk)) } };
      case "ProposeDefinitieveGunning":
        return { type: "ProposeDefinitieveGunning", actor, data: { besluitId: id("DG") } };
    }
  }

  async function voorleggen(actor: Actor, besluitId: string, s: Live, inhoud: Omit<BesluitInhoud, "onderwerp" | "procedureId">, document: BesluitDocumentSpec): Promise<void> {
    await entity.create(besluitType, besluitId, { name: "voorleggen", input: { auteur: actor, inhoud: { ...inhoud, onderwerp: { soort: "procedure", id: key }, procedureId: key }, document, procedureTitel: s.titel } });
  }

  async function proposeSas(actor: Actor, s: Live, soort: "selectie" | "voorlopige-gunning" | "definitieve-gunning", voorstel: Voorstel, besluitId: string, toelichting: string): Promise<void> {
    const datum = entity.now().toISOString();
    const door = voorstel.percelen.reduce((n, p) => n + p.door.length, 0);
    const samenvatting =
      soort === "selectie"
        ? `Te selecteren: ${door}; niet te selecteren: ${voorstel.percelen.reduce((n, p) => n + p.afgewezen.length, 0)}; afgevallen op de toelatingscriteria: ${voorstel.knockOuts?.length ?? 0}.`
        : `${soort === "voorlopige-gunning" ? "Voorlopig" : "Definitief"} te gunnen: ${door} plaats(en) over ${voorstel.percelen.length} perce(e)l(en).`;
    await voorleggen(actor, besluitId, s, { type: sasBesluitType(soort), titel: sasVoorstelTitel(soort), samenvatting }, {
      kind: "sas-voorstel",
      data: sasVoorstelDocument(s, soort, voorstel, { besluitId, datum, auteur: actor, toelichting }),
      bestandsnaam: `${soort}-voorstel-${besluitId}.pdf`,
    } as BesluitDocumentSpec);
  }

  entity.update(procedureEntity.updates.sas, {
    validate: (i) => void entity.decide(rule({ type: "Sas", actor: parseOrRefuse(ActorOnly, i).actor, sas: commandOf(i, true) })),
    handle: async (i): Promise<SasResultaat> => {
      const command = commandOf(i, false);
      const { state, events } = run({ type: "Sas", actor: command.actor, sas: command }, redenOf(command));
      const s = live(state);
      const sas = sasOf(s);
      const result: Omit<SasResultaat, "fase"> = { stap: command.type as SasOpdracht["type"] };
      const now = entity.now();
      for (const e of events) {
        switch (e.type) {
          case "SasSelectieVoorgesteld":
            result.besluitId = e.data.besluitId;
            await proposeSas(command.actor, s, "selectie", e.data, e.data.besluitId, e.data.toelichting);
            break;
          case "SasVoorlopigeGunningVoorgesteld":
            result.besluitId = e.data.besluitId;
            await proposeSas(command.actor, s, "voorlopige-gunning", e.data, e.data.besluitId, e.data.toelichting);
            break;
          case "SasDefinitieveGunningVoorgesteld":
            result.besluitId = e.data.besluitId;
            await proposeSas(command.actor, s, "definitieve-gunning", sas.voorlopigeGunning!, e.data.besluitId, "Definitieve gunning na de opschortende termijn, overeenkomstig de voorlopige gunningsbeslissing.");
            break;
          case "SasGunningssystematiekVoorgesteld": {
            result.besluitId = e.data.besluitId;
            const regels = sas.opzet.percelen.flatMap((p) => p.gunningscriteria.map((c) => `${p.naam}, ${c.code} ${c.naam}: gewicht ${e.data.wegingen[`${p.perceel}:${c.code}`]}`));
            await voorleggen(command.actor, e.data.besluitId, s, { type: "gunningssystematiek-hoog-specialistisch", titel: "Gunningssystematiek", samenvatting: `Gewichten en schaal (${e.data.schaal.min}-${e.data.schaal.max}) van de gunningscriteria.` }, {
              kind: "algemeen-besluit",
              data: algemeenBesluitDocument(procedureRef(s), {
                besluitId: e.data.besluitId,
                type: "gunningssystematiek-hoog-specialistisch",
                titel: "Besluit gunningssystematiek",
                datum: now.toISOString(),
                auteur: command.actor,
                besluittekst: `De gunningscriteria van "${s.titel}" worden gewogen als volgt, op een schaal van ${e.data.schaal.min} tot en met ${e.data.schaal.max}: ${regels.join("; ")}.`,
                motivering: e.data.motivering,
                gevolgen: ["De gewichten en de schaal gelden voor alle kandidaten en worden bekendgemaakt vóór de uitnodiging tot inschrijving.", "De gunning vindt plaats op basis van een vergelijking op kwaliteit (inkoopplan 6.5.1)."],
              }),
              bestandsnaam: `besluit-gunningssystematiek-${e.data.besluitId}.pdf`,
            } as BesluitDocumentSpec);
            break;
          }
          case "SasDialoogsessieVastgelegd":
            result.nr = e.data.nr;
            break;
          case "SasWijzigingGepubliceerd": {
            result.nr = e.data.nr;
            const doc = await renderDocument(
              {
                kind: "nota-van-wijzigingen",
                data: { procedure: procedureRef(s), nummer: e.data.nr, datum: e.data.at, wijzigingen: [e.data], ontvangers: "Alle geselecteerde kandidaten tegelijk." },
                bestandsnaam: `nota-van-wijzigingen-${e.data.nr}-${key}.pdf`,
              },
              e.data.at,
            );
            entity.commit([{ type: "DocumentToegevoegd", data: { document: doc, doel: "nota-van-wijzigingen", nummer: e.data.nr } }], SYSTEEM);
            const contacten = await aanbiederContacten(Object.keys(geselecteerd(sas)));
            await Promise.all(contacten.map((a) => sendNotification(["procedure", key, "wijziging", String(e.data.nr), a.kvk], { to: [a.email], ...notaVanWijzigingenMail({ procedureTitel: s.titel, nummer: e.data.nr }), documenten: [doc] })));
            break;
          }
          case "SasDialoogGesloten": {
            entity.at("sasSluiting", e.data.sluitingAt);
            const contacten = await aanbiederContacten(Object.keys(geselecteerd(sas)));
            await Promise.all(
              contacten.map((a) => sendNotification(["procedure", key, "uitnodiging", a.kvk], { to: [a.email], ...sasUitnodigingInschrijvingMail({ procedureTitel: s.titel, naam: a.naam, sluitingAt: e.data.sluitingAt }) })),
            );
            break;
          }
          case "SasOfferteOntvangen":
            result.ontvangstbewijs = { procedureId: key, kvk: e.data.kvk, ontvangstbewijsId: e.data.ontvangstbewijsId, ontvangenOp: e.data.ontvangenOp, sha256: e.data.sha256, percelen: e.data.percelen };
            break;
          case "SasOffertesGeopend": {
            const offertes = sas.offertes.ontvangen;
            const doc = await renderDocument(
              {
                kind: "proces-verbaal",
                data: {
                  procedure: procedureRef(s),
                  publicatieAt: sas.dialoog.geslotenOp ?? e.data.geopendOp,
                  sluitingAt: sas.offertes.sluitingAt ?? e.data.geopendOp,
                  opgemaaktOp: e.data.geopendOp,
                  ronde: 1,
                  onderwerp: "Inschrijvingen (definitieve offertes)",
                  inschrijvingen: offertes.map((o, n) => ({ volgnummer: n + 1, naam: o.naam, kvk: o.kvk, ontvangenOp: o.ontvangenOp, sha256: o.sha256, aantalProducten: o.percelen.length })),
                  verklaring: `Bij het sluiten zijn ${offertes.length} inschrijving(en) ontvangen. Zij zijn geopend na de bevestiging van twee personen van de regio, hieronder genoemd.`,
                  geopendDoor: e.data.door.map((b) => ({ naam: b.door, rol: b.rol, at: b.at })),
                },
                bestandsnaam: `proces-verbaal-opening-${key}.pdf`,
              },
              e.data.geopendOp,
            );
            entity.commit([{ type: "DocumentToegevoegd", data: { document: doc, doel: "proces-verbaal-opening" } }], SYSTEEM);
            break;
          }
          case "SasBezwaarIngediend": {
            result.nr = e.data.nr;
            const [a] = await aanbiederContacten([e.data.kvk]);
            if (a) await sendNotification(["procedure", key, "bezwaar", String(e.data.nr)], { to: [a.email], ...bezwaarOntvangenMail({ procedureTitel: s.titel, naam: a.naam, nr: e.data.nr }) });
            break;
          }
          case "SasBezwaarAfgehandeld": {
            result.nr = e.data.nr;
            const b = sas.bezwaren.find((x) => x.nr === e.data.nr)!;
            const [a] = await aanbiederContacten([b.kvk]);
            if (a)
              await sendNotification(["procedure", key, "bezwaar", String(e.data.nr), "afgehandeld"], {
                to: [a.email],
                ...bezwaarAfgehandeldMail({ procedureTitel: s.titel, naam: a.naam, nr: e.data.nr, uitkomst: e.data.uitkomst, motivering: e.data.motivering }),
              });
            break;
          }
          default:
            break;
        }
      }
      // The phase after the step's own effects (a PDF or mail may have been committed beside it).
      return { ...result, fase: sasOf(live(entity.state)).fase };
    },
  });

  /** The closing instant of the final offers: a durable timer armed when the dialogue closes. */
  entity.internal("sasSluiting", () => {
    run({ type: "Sas", actor: SYSTEEM, sas: { type: "SluitOffertes", actor: SYSTEEM } }, "Sluitingstijdstip inschrijving bereikt");
  });

  /** One besluit per candidate, under the authority's akkoord on the proposal. */
  async function issueBeslissingen(s: Live, soort: "selectie" | "voorlopige-gunning" | "definitieve-gunning", voorstel: Voorstel, krachtens: string, kvks: string[], gegund: Record<string, string> = {}): Promise<void> {
    const contacten = await aanbiederContacten(kvks);
    const datum = entity.now().toISOString();
    const ingangsdatum = ingangsdatumOf(s, entity.now());
    const work: Promise<void>[] = [];
    for (const a of contacten) {
      const besluitId = `${krachtens}-${a.kvk}`;
      const data = sasBeslissingDocument(s, soort, voorstel, { besluitId, datum, auteur: SYSTEEM, kvk: a.kvk, email: a.email, krachtens, ...(gegund[a.kvk] ? { gegundPerceel: gegund[a.kvk] } : {}) });
      work.push(
        entity.create(besluitType, besluitId, {
          name: "vaststellen",
          input: {
            auteur: SYSTEEM,
            inhoud: {
              type: sasBesluitType(soort),
              titel: sasBeslissingTitel(soort),
              onderwerp: { soort: "procedure", id: key },
              procedureId: key,
              ontvanger: { naam: a.naam, kvk: a.kvk, email: a.email },
              samenvatting: data.uitkomst,
              krachtens,
              motivering: voorstel.toelichting,
            },
            document: { kind: "sas-beslissing", data, bestandsnaam: `${soort}-${besluitId}.pdf` } as BesluitDocumentSpec,
            procedureTitel: s.titel,
          },
        }),
      );
      const perceel = gegund[a.kvk];
      if (soort === "definitieve-gunning" && perceel) {
        const aanmelding = s.inschrijvingen.find((x) => x.kvk === a.kvk);
        const producten = s.rondes[0]?.uitkomsten[a.kvk]?.toegelatenProducten ?? aanmelding?.producten ?? [];
        const contract = findContract(s.contractId);
        work.push(
          entity.create(contractType, `${s.contractId}/${a.kvk}`, {
            name: "start",
            messageId: `procedure:${key}:contract:${besluitId}`,
            input: { contractId: s.contractId, kvk: a.kvk, naam: a.naam, procedureId: key, besluitId, producten, ingangsdatum, ...(contract?.percelen ? { perceel } : {}) },
          }),
        );
      }
    }
    await Promise.all(work);
  }

  /** Answers whether the besluit was one of the SAS's; the procedure handles the others. */
  async function besluitGenomen(m: BesluitGenomenMessage): Promise<boolean> {
    const before = entity.state;
    if (before.status === "leeg" || before.lopendBesluit?.besluitId !== m.besluitId) return false;
    const lopend = before.lopendBesluit;
    const reden = m.motivering || undefined;
    const data = { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering };
    const sasRun = (sas: SasCommand) => live(run({ type: "Sas", actor: SYSTEEM, sas }, reden).state);
    switch (lopend.soort) {
      case "sas-selectie": {
        const s = sasRun({ type: "RecordSelectieBesluit", actor: SYSTEEM, data });
        const voorstel = sasOf(s).selectie;
        if (m.akkoord && voorstel) await issueBeslissingen(s, "selectie", voorstel, m.besluitId, s.inschrijvingen.filter((a) => a.ronde === 1).map((a) => a.kvk));
        return true;
      }
      case "sas-gunningssystematiek":
        sasRun({ type: "RecordGunningssystematiekBesluit", actor: SYSTEEM, data: { ...data, wegingen: lopend.wegingen, schaal: lopend.schaal } });
        return true;
      case "sas-voorlopige-gunning": {
        const s = sasRun({ type: "RecordVoorlopigeGunningBesluit", actor: SYSTEEM, data });
        const voorstel = sasOf(s).voorlopigeGunning;
        if (m.akkoord && voorstel) await issueBeslissingen(s, "voorlopige-gunning", voorstel, m.besluitId, sasOf(s).offertes.ontvangen.map((o) => o.kvk));
        return true;
      }
      case "sas-definitieve-gunning": {
        const gegund = gegundPerceel(winnaars(sasOf(before)), findContract(before.contractId)?.percelen ?? null);
        const s = sasRun({ type: "RecordDefinitieveGunningBesluit", actor: SYSTEEM, data: { ...data, gegund } });
        const voorstel = sasOf(s).voorlopigeGunning;
        if (m.akkoord && voorstel) await issueBeslissingen(s, "definitieve-gunning", voorstel, m.besluitId, Object.keys(gegund), gegund);
        return true;
      }
      default:
        return false;
    }
  }

  return { besluitGenomen };
}
