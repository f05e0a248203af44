import express from "express";
import type { WebUser } from "../../api/web/layout";
import { requireUser } from "../../api/web/session";
import { listMailFiles, MAIL_FILE, readMail, readMailbox, type ReceivedMail } from "./mailbox";

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const dateFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  dateStyle: "medium",
  timeStyle: "medium",
});

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(".", ",")} kB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; line-height: 1.4; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #ccc; vertical-align: top; }
pre { white-space: pre-wrap; word-break: break-word; background: #f4f4f4; padding: 0.75rem; }
iframe { width: 100%; min-height: 30rem; border: 1px solid #ccc; }
dt { font-weight: bold; }
dd { margin: 0 0 0.4rem 0; }
a:focus { outline: 3px solid #1f5fbf; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * Scripts in mail are never run: the HTML body sits in a sandboxed iframe, and this policy (which a srcdoc
 * frame inherits) also stops scripts and remote images, so opening a mail does not call out anywhere.
 */
const CSP = "script-src 'none'; object-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function listPage(base: string, mails: ReceivedMail[]): string {
  const rows = [...mails]
    .reverse()
    .map(
      (m) => `<tr>
<td><time datetime="${escapeHtml(m.date.toISOString())}">${escapeHtml(dateFormat.format(m.date))}</time></td>
<td>${escapeHtml(m.to.join(", "))}</td>
<td><a href="${escapeHtml(`${base}/${encodeURIComponent(m.file)}`)}">${escapeHtml(m.subject === "" ? "(geen onderwerp)" : m.subject)}</a></td>
<td>${m.attachments.length}</td>
</tr>`,
    )
    .join("\n");
  const table =
    mails.length === 0
      ? "<p>Nog geen berichten ontvangen.</p>"
      : `<table>
<caption>Ontvangen berichten, nieuwste eerst (${mails.length})</caption>
<thead><tr><th scope="col">Datum</th><th scope="col">Aan</th><th scope="col">Onderwerp</th><th scope="col">Bijlagen</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return page("Inbox", `<h1>Inbox</h1>\n${table}`);
}

function messagePage(base: string, m: ReceivedMail): string {
  const subject = m.subject === "" ? "(geen onderwerp)" : m.subject;
  const field = (name: string, value: string) => `<dt>${name}</dt><dd>${escapeHtml(value === "" ? "—" : value)}</dd>`;
  const attachments =
    m.attachments.length === 0
      ? "<p>Geen bijlagen.</p>"
      : `<ul>\n${m.attachments
          .map(
            (a, i) =>
              `<li><a href="${escapeHtml(`${base}/${encodeURIComponent(m.file)}/bijlagen/${i + 1}`)}" download="${escapeHtml(a.filename)}">${escapeHtml(a.filename)}</a> (${escapeHtml(a.contentType)}, ${bytes(a.size)})</li>`,
          )
          .join("\n")}\n</ul>`;
  // srcdoc takes a whole document as an attribute value: escaping it once makes the browser get back
  // exactly the mail's HTML, which then runs in a frame without scripts or our origin (sandbox="").
  const html =
    m.html === undefined
      ? "<p>Dit bericht heeft geen HTML-deel.</p>"
      : `<iframe sandbox="" title="HTML-weergave van het bericht" srcdoc="${escapeHtml(m.html)}"></iframe>`;
  const body = `<p><a href="${escapeHtml(`${base}/`)}">Terug naar de inbox</a></p>
<h1>${escapeHtml(subject)}</h1>
<h2>Kopregels</h2>
<dl>
${field("Van", m.from)}
${field("Aan", m.to.join(", "))}
${m.cc.length > 0 ? field("Cc", m.cc.join(", ")) : ""}
${field("Datum", dateFormat.format(m.date))}
${field("Message-ID", m.messageId)}
</dl>
<details><summary>Alle kopregels</summary>
<pre>${escapeHtml(m.headerLines.map((h) => h.line).join("\n"))}</pre>
</details>
<h2>Tekst</h2>
<pre>${escapeHtml(m.text)}</pre>
<h2>HTML</h2>
${html}
<h2>Bijlagen</h2>
${attachments}`;
  return page(subject, body);
}

/** Loads the message named by :id, answering 400/404 itself; undefined means the response is sent. */
async function load(dir: string, id: string, res: express.Response): Promise<ReceivedMail | undefined> {
  if (!MAIL_FILE.test(id)) {
    res.status(400).type("text/plain").send("Ongeldig bericht-id.");
    return undefined;
  }
  if (!(await listMailFiles(dir)).includes(id)) {
    res.status(404).type("text/plain").send("Bericht niet gevonden.");
    return undefined;
  }
  return readMail(dir, id);
}

/** The inbox holds every mail to every aanbieder, PDFs included: only the region may read it. */
const INBOX_ROLES: WebUser["rol"][] = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

/**
 * The browser inbox over the .eml files that startSmtpInbox writes to `dir`. It is for development only
 * (npm start never mounts it with NODE_ENV=production) and even then behind the login: mount it on an
 * app whose session middleware sets req.user, or every request is sent to /inloggen.
 */
export function inboxRouter(dir: string): express.Router {
  const router = express.Router();
  // The check sits in the router itself, so no mount of it can forget the login.
  router.use(requireUser(...INBOX_ROLES));
  router.use((_req, res, next) => {
    res.set("Content-Security-Policy", CSP);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Cache-Control", "no-store");
    next();
  });

  router.get("/", async (req, res) => {
    res.type("html").send(listPage(req.baseUrl, await readMailbox(dir)));
  });

  router.get("/:id", async (req, res) => {
    const mail = await load(dir, req.params.id, res);
    if (mail !== undefined) res.type("html").send(messagePage(req.baseUrl, mail));
  });

  // :n counts from 1, as the links on the message page do.
  router.get("/:id/bijlagen/:n", async (req, res) => {
    const mail = await load(dir, req.params.id, res);
    if (mail === undefined) return;
    const n = /^[1-9][0-9]*$/.test(req.params.n) ? Number(req.params.n) : NaN;
    const att = Number.isSafeInteger(n) ? mail.attachments[n - 1] : undefined;
    if (att === undefined) {
      res.status(404).type("text/plain").send("Bijlage niet gevonden.");
      return;
    }
    res.attachment(att.filename);
    res.set("Content-Type", att.contentType);
    res.send(att.content);
  });

  return router;
}
