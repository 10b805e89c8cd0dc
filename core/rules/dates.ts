/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC: no time zone can shift a day. */

const DAY_MS = 86_400_000;

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

const DAYS = new Map<string, number>();
/** Days since 1970-01-01 of an ISO date (remembered: a ledger repeats its dates). */
function dayNumber(iso: string): number {
  const key = iso.slice(0, 10);
  let n = DAYS.get(key);
  if (n === undefined) {
    n = Math.round(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
    if (DAYS.size < 100_000) DAYS.set(key, n);
  }
  return n;
}

/** Is the text an ISO calendar date? */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
