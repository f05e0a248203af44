import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import request from "supertest";
import { closeMailTransports, messageIdFor, sendMail, type OutgoingMail } from "../../activities/mail";
import { freePort } from "../stack/ports";
import { readMailbox, waitForMail } from "./mailbox";
import { startSmtpInbox, type SmtpInbox } from "./smtp-inbox";
import { inboxRouter } from "./web";

// Real SMTP over loopback, real files: nothing here is mocked.
let inbox: SmtpInbox;
let mailDir: string;
let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "inkoop-inbox-"));
  dataDir = await mkdtemp(join(tmpdir(), "inkoop-data-"));
  inbox = await startSmtpInbox({ port: await freePort(), dir: mailDir });
  process.env.INKOOP_SMTP_URL = `smtp://127.0.0.1:${inbox.port}`;
  process.env.INKOOP_DATA_DIR = dataDir;
  delete process.env.INKOOP_FAIL_AFTER_SEND;
});

afterEach(() => {
  delete process.env.INKOOP_FAIL_AFTER_SEND;
});

afterAll(async () => {
  closeMailTransports();
  await inbox.close();
  process.env = savedEnv;
  await rm(mailDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

let seq = 0;
/** A unique id per test, so tests never see each other's ledger entries or mails. */
function uniqueId(label: string): string {
  seq += 1;
  return messageIdFor(["test", label, String(seq), randomBytes(4).toString("hex")]);
}

function mail(messageId: string, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    messageId,
    to: ["info@debrug.example"],
    subject: `Besluit toelating ${messageId}`,
    text: "Geachte heer, mevrouw,\n\nUw inschrijving is ontvangen.\n",
    ...extra,
  };
}

async function mailsWith(messageId: string) {
  return (await readMailbox(mailDir)).filter((m) => m.messageId === messageId);
}

// Gives a duplicate that is still under way the time to arrive before we count.
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("messageIdFor", () => {
  it("is deterministic and uses only safe characters", () => {
    const a = messageIdFor(["besluit", "oh-ambulant-2027/12345678", "toelating", "1"]);
    expect(messageIdFor(["besluit", "oh-ambulant-2027/12345678", "toelating", "1"])).toBe(a);
    expect(a).toBe("<besluit.oh-ambulant-2027=2F12345678.toelating.1@inkoop.regio-midden-holland.nl>");
    const b = messageIdFor(["zienswijze", "Jeugdhulp De Brug", "één ronde", "a.b@c<d>"]);
    expect(b).toMatch(/^<[A-Za-z0-9_=.-]+@inkoop\.regio-midden-holland\.nl>$/);
    expect(b).not.toMatch(/[/ ]/);
  });

  it("keeps different inputs apart (the ledger would otherwise swallow a mail)", () => {
    const ids = [["a/b"], ["a-b"], ["a b"], ["a", "b"], ["a.b"], ["a=2Fb"]].map((p) => messageIdFor(p));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses empty parts", () => {
    expect(() => messageIdFor([])).toThrow();
    expect(() => messageIdFor(["besluit", ""])).toThrow();
  });
});

describe("sendMail over SMTP into the local inbox", () => {
  it("delivers the exact Message-ID, Dutch text and a byte-exact 1 MB attachment", async () => {
    const id = uniqueId("bijlage");
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(1024 * 1024), Buffer.from("\n%%EOF\n")]);
    const text = "Geachte aanbieder,\n\nUw inschrijving is beoordeeld: één product toegelaten, ook voor ëen tarief van € 1.234,56.\n";
    const result = await sendMail(
      mail(id, {
        subject: "Besluit toelating — café één, € 12",
        text,
        cc: ["inkoper@regio-midden-holland.example"],
        attachments: [{ filename: "besluit-toelating.pdf", content: pdf, contentType: "application/pdf" }],
        headers: { "X-Inkoop-Entiteit": "besluit/BES-123" },
      }),
    );
    expect(result).toEqual({ messageId: id, status: "verzonden", at: expect.any(String) });

    const got = await waitForMail(mailDir, (m) => m.messageId === id);
    expect(got.subject).toBe("Besluit toelating — café één, € 12");
    expect(got.text.trimEnd()).toBe(text.trimEnd());
    expect(got.to).toEqual(["info@debrug.example"]);
    expect(got.cc).toEqual(["inkoper@regio-midden-holland.example"]);
    expect(got.from).toContain("inkoop@regio-midden-holland.example");
    expect(got.headerLines.some((h) => h.line === "X-Inkoop-Entiteit: besluit/BES-123")).toBe(true);
    expect(got.attachments).toHaveLength(1);
    const att = got.attachments[0]!;
    expect(att.filename).toBe("besluit-toelating.pdf");
    expect(att.contentType).toBe("application/pdf");
    expect(att.size).toBe(pdf.length);
    expect(att.content.equals(pdf)).toBe(true);
  });

  it("sends a messageId once: the second call answers al-verzonden", async () => {
    const id = uniqueId("twee-keer");
    const first = await sendMail(mail(id));
    const second = await sendMail(mail(id));
    expect(first.status).toBe("verzonden");
    expect(second).toEqual({ messageId: id, status: "al-verzonden", at: first.at });
    await waitForMail(mailDir, (m) => m.messageId === id);
    await settle();
    expect(await mailsWith(id)).toHaveLength(1);
  });

  it("overlapping calls with the same messageId still deliver one mail", async () => {
    const id = uniqueId("gelijktijdig");
    const results = await Promise.all([sendMail(mail(id)), sendMail(mail(id)), sendMail(mail(id))]);
    expect(results.map((r) => r.status).sort()).toEqual(["al-verzonden", "al-verzonden", "verzonden"]);
    await waitForMail(mailDir, (m) => m.messageId === id);
    await settle();
    expect(await mailsWith(id)).toHaveLength(1);
  });

  it("a failure after the send is retried without sending again (INKOOP_FAIL_AFTER_SEND)", async () => {
    process.env.INKOOP_FAIL_AFTER_SEND = "1";
    const id = uniqueId("storing");
    await expect(sendMail(mail(id))).rejects.toThrow("gesimuleerde storing na verzending");
    const retry = await sendMail(mail(id));
    expect(retry.status).toBe("al-verzonden");
    await waitForMail(mailDir, (m) => m.messageId === id);
    await settle();
    expect(await mailsWith(id)).toHaveLength(1);
    expect(await readdir(join(dataDir, "outbox"))).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]));
  });

  it("different messageIds are delivered separately", async () => {
    const a = uniqueId("aanbieder-a");
    const b = uniqueId("aanbieder-b");
    expect((await sendMail(mail(a))).status).toBe("verzonden");
    expect((await sendMail(mail(b))).status).toBe("verzonden");
    await waitForMail(mailDir, (m) => m.messageId === a);
    await waitForMail(mailDir, (m) => m.messageId === b);
    expect(await mailsWith(a)).toHaveLength(1);
    expect(await mailsWith(b)).toHaveLength(1);
  });

  it("refuses a malformed messageId before sending anything", async () => {
    await expect(sendMail(mail("besluit 1"))).rejects.toThrow(/ongeldige Message-ID/);
  });
});

describe("web inbox", () => {
  const app = express();
  beforeAll(() => {
    // The inbox is behind the login; here an inkoper stands in for the session middleware (access: inbox-web.unit.spec.ts).
    app.use((req, _res, next) => {
      req.user = { gebruikersnaam: "inkoper.test", naam: "Inkoper Test", rol: "inkoper" };
      next();
    });
    app.use("/inbox", inboxRouter(mailDir));
  });

  it("lists, shows escaped and serves attachments", async () => {
    const id = uniqueId("web");
    const subject = `Zienswijze <script>alert("x")</script> ${id}`;
    const bytes = randomBytes(50_000);
    await sendMail(
      mail(id, {
        subject,
        text: "Tekst met <b>geen</b> opmaak & een ampersand.",
        html: `<p>Beste aanbieder</p><script>alert(1)</script><p title="a&quot;b">€ 5</p>`,
        attachments: [{ filename: "bijlage \"1\".bin", content: bytes, contentType: "application/octet-stream" }],
      }),
    );
    const got = await waitForMail(mailDir, (m) => m.messageId === id);

    const list = await request(app).get("/inbox/").expect(200);
    expect(list.headers["content-type"]).toMatch(/text\/html/);
    expect(list.text).toContain("<caption>");
    expect(list.text).toContain(`href="/inbox/${got.file}"`);
    expect(list.text).toContain("Zienswijze &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(list.text).not.toContain("<script>");

    const page = await request(app).get(`/inbox/${got.file}`).expect(200);
    expect(page.text).not.toContain("<script>");
    expect(page.text).toContain("<h1>Zienswijze &lt;script&gt;");
    expect(page.text).toContain("Tekst met &lt;b&gt;geen&lt;/b&gt; opmaak &amp; een ampersand.");
    // the HTML body is escaped once into srcdoc, so "&quot;" in the mail becomes "&amp;quot;"
    expect(page.text).toContain('sandbox=""');
    expect(page.text).toContain("srcdoc=\"&lt;p&gt;Beste aanbieder&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p title=&quot;a&amp;quot;b&quot;&gt;€ 5&lt;/p&gt;");
    expect(page.text).toContain(`href="/inbox/${got.file}/bijlagen/1"`);
    expect(page.headers["content-security-policy"]).toContain("script-src 'none'");

    const dl = await request(app)
      .get(`/inbox/${got.file}/bijlagen/1`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(dl.headers["content-type"]).toBe("application/octet-stream");
    expect(dl.headers["content-disposition"]).toMatch(/^attachment; filename=/);
    expect(Buffer.isBuffer(dl.body) && (dl.body as Buffer).equals(bytes)).toBe(true);

    await request(app).get(`/inbox/${got.file}/bijlagen/2`).expect(404);
    await request(app).get(`/inbox/${got.file}/bijlagen/0`).expect(404);
  });

  it("rejects bad ids and reports unknown ones", async () => {
    await request(app).get("/inbox/..%2F..%2Fetc%2Fpasswd").expect(400);
    await request(app).get("/inbox/bericht.txt").expect(400);
    await request(app).get("/inbox/%2E%2E.eml/bijlagen/1").expect(404);
    await request(app).get("/inbox/0000000000000-000000.eml").expect(404);
  });
});
