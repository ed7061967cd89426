// Pure: no I/O, no clock. RFC 3339 date-time parsing for dateTime filter values (RFC 7643 §2.3.5).

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const daysIn = (year: number, month: number) =>
  [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]

/**
 * The instant in epoch milliseconds, or undefined when `text` is not an RFC 3339 date-time
 * (RFC 3339 §5.6; a date alone is not one). Fraction digits past the millisecond are truncated,
 * which is the precision `Date` and SQLite's `unixepoch(…, 'subsec')` share; a leap second
 * (:60) lands on the next minute's first instant.
 */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number)
  const offset = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (+m[9] * 60 + +m[10])
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 60) return undefined
  if (m[8] !== undefined && (+m[9] > 23 || +m[10] > 59)) return undefined
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'))
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  return date.getTime() - offset * 60_000
}
