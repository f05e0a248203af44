/** A whole-number setting from the environment: the fallback when unset or blank, refused (naming it) when not a whole number of at least `min`. */
export function integerSetting(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} moet een geheel getal van minstens ${min} zijn, niet '${value}'`);
  return n;
}
