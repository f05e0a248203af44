/**
 * A small cookie jar for fetch with `redirect: "manual"`: stores Set-Cookie per origin (scheme, host
 * and port, stricter than a browser, which shares cookies across ports) and sends back the cookies
 * whose path matches. Cookies that are cleared (Max-Age <= 0 or an Expires in the past) are dropped.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { origin: string; name: string; value: string; path: string }>();

  /** Every Set-Cookie of a response to `url`. */
  store(url: string, res: Response): void {
    const { origin, pathname } = new URL(url);
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = pathname.slice(0, pathname.lastIndexOf("/")) || "/";
      let cleared = false;
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split(/=(.*)/s);
        const key = k.toLowerCase();
        if (key === "path" && v.startsWith("/")) path = v;
        if (key === "max-age" && Number(v) <= 0) cleared = true;
        if (key === "expires" && Date.parse(v) <= Date.now()) cleared = true;
      }
      const id = `${origin} ${path} ${name}`;
      if (cleared) this.cookies.delete(id);
      else this.cookies.set(id, { origin, name, value, path });
    }
  }

  /** The Cookie header for a request to `url`, or undefined when none applies. */
  header(url: string): string | undefined {
    const { origin, pathname } = new URL(url);
    const matches = [...this.cookies.values()].filter((c) => c.origin === origin && (pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`)));
    return matches.length > 0 ? matches.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }

  /** The value of a cookie for `url`, if the jar holds one. */
  get(url: string, name: string): string | undefined {
    const { origin } = new URL(url);
    return [...this.cookies.values()].find((c) => c.origin === origin && c.name === name)?.value;
  }
}
