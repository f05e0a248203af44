import { SCRYPT, hashPassword, verifyAgainstDummy, verifyPassword } from "./password";

describe("wachtwoorden: scrypt-hash", () => {
  const wachtwoord = "correct paard batterij niet";

  it("slaat scrypt$N$r$p$salt$hash op met N=2^15, r=8, p=1, 16 bytes salt (base64url)", async () => {
    const stored = await hashPassword(wachtwoord);
    const [alg, N, r, p, salt, hash, ...rest] = stored.split("$");
    expect(rest).toHaveLength(0);
    expect([alg, N, r, p]).toEqual(["scrypt", "32768", "8", "1"]);
    expect(SCRYPT).toMatchObject({ N: 2 ** 15, r: 8, p: 1, saltBytes: 16 });
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64url")).toHaveLength(32);
    expect(stored).not.toContain(wachtwoord);
  });

  it("accepteert het juiste wachtwoord en weigert een ander", async () => {
    const stored = await hashPassword(wachtwoord);
    await expect(verifyPassword(wachtwoord, stored)).resolves.toBe(true);
    await expect(verifyPassword(wachtwoord + " ", stored)).resolves.toBe(false);
    await expect(verifyPassword("Correct paard batterij niet", stored)).resolves.toBe(false);
    await expect(verifyPassword("", stored)).resolves.toBe(false);
  });

  it("gebruikt elke keer een nieuwe salt", async () => {
    const [a, b] = await Promise.all([hashPassword(wachtwoord), hashPassword(wachtwoord)]);
    expect(a).not.toBe(b);
    await expect(verifyPassword(wachtwoord, a)).resolves.toBe(true);
    await expect(verifyPassword(wachtwoord, b)).resolves.toBe(true);
  });

  it("leest de parameters uit de hash, zodat oudere hashes blijven werken", async () => {
    const light = await hashPassword(wachtwoord, { N: 2 ** 10, r: 8, p: 1 });
    expect(light.startsWith("scrypt$1024$8$1$")).toBe(true);
    await expect(verifyPassword(wachtwoord, light)).resolves.toBe(true);
  });

  it("behandelt een samengestelde en een losse accent-letter als hetzelfde wachtwoord (NFKC)", async () => {
    const composed = "café-au-lait-één";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(composed);
    await expect(verifyPassword(decomposed, stored)).resolves.toBe(true);
  });

  it.each([
    ["leeg", ""],
    ["ander algoritme", "bcrypt$2b$10$abc"],
    ["te weinig delen", "scrypt$32768$8$1$c2FsdA"],
    ["N geen macht van 2", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
    ["N absurd groot", "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
    ["r nul", "scrypt$1024$0$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
  ])("weigert een onleesbare hash (%s) zonder fout", async (_naam, stored) => {
    await expect(verifyPassword(wachtwoord, stored)).resolves.toBe(false);
  });

  it("een onbekende gebruiker kost hetzelfde werk en lukt nooit", async () => {
    await expect(verifyAgainstDummy(wachtwoord)).resolves.toBe(false);
  });
});
