import helmet from "helmet";
import type { RequestHandler } from "express";

/**
 * The security headers on every answer: API JSON, problem documents, pages, static files, downloads
 * and error pages. helmet writes them, so the header syntax and the legacy companions (X-Frame-Options,
 * X-XSS-Protection: 0 and so on) stay right without hand-written strings.
 *
 * Content-Security-Policy, spelled out in full (useDefaults: false) so that no helmet default widens it
 * unseen — its defaults allow inline styles and any https: font or style:
 * - script-src 'self', script-src-attr 'none': the pages carry no inline script and no on…= handlers, so
 *   injected markup cannot run script even if an escape is ever missed.
 * - style-src 'self': the pages style only through the Utrecht classes and /static/*.css, never with
 *   style= or <style>. (The development mail inbox sends its own, looser policy for its inline <style>.)
 * - img-src 'self' data:: the Utrecht CSS draws its checkbox marks as data: SVGs.
 * - form-action 'self': every form posts to this site. Login with OpenID Connect is a link to
 *   /inloggen/oidc that answers a 303 to the provider and comes back by a GET redirect; no form of ours
 *   posts to the provider, so this does not stand in its way.
 * - frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers): no page is meant to be framed,
 *   which rules out clickjacking on the buttons that submit and decide.
 * - object-src 'none', base-uri 'self': no plugins, and an injected <base> cannot redirect relative URLs.
 * - upgrade-insecure-requests only in production: on a developer's http://localhost it would send
 *   requests to an https port that is not there.
 *
 * Referrer-Policy: same-origin. Our URLs hold procedure ids and return paths (?terug=), which nobody
 * outside needs, so another origin (the login provider, a linked site) gets no Referer at all; within the
 * site the Referer says nothing the server does not know. Not no-referrer: with that, browsers send
 * `Origin: null` on our own form posts, which would take away the Origin check as a CSRF defence.
 *
 * Strict-Transport-Security only in production, where the site is served over https (helmet's one year
 * with includeSubDomains). On http://localhost it is ignored at best and sticks to the host at worst.
 *
 * Downloads (PDFs, uploaded attachments) are sent as attachment, so the browser saves them rather than
 * showing them under this policy; Chrome's inline PDF viewer would need object-src to be opened up.
 */
export function securityHeaders({ production }: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
  });
}
