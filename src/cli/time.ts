import { nowSeconds } from '../validate.js'
import { checkTimestampOption, integerOption, type OptionSpec, type OptionValues } from './args.js'

/** The --now option of inspect and verify. */
export const nowOption: OptionSpec = {
  type: 'string',
  valueName: 'SECONDS',
  description:
    'The time to check against, Unix time in seconds, such as the output of date +%s. ' +
    'Pin it to get the same output on every run. Default: the system clock.',
}

/** Reads and checks --now, and returns the system clock's time when it is absent. */
export function readNow(values: OptionValues): number {
  const now = integerOption(values, 'now')
  return now === undefined ? nowSeconds() : checkTimestampOption(now, 'now')
}

/** Formats Unix seconds as an ISO 8601 UTC time without milliseconds, such as 2024-05-01T12:00:00Z. */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z')
}

/**
 * Units for durations, largest first. A year is 365 days and a month is not
 * used, so every unit is a whole number of seconds.
 */
const UNITS: readonly (readonly [name: string, seconds: number])[] = [
  ['year', 365 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

function plural(count: number, unit: string): string {
  return `${String(count)} ${unit}${count === 1 ? '' : 's'}`
}

/**
 * Describes a number of seconds in words, such as "1 hour 30 minutes". It
 * looks at `maxParts` consecutive units from the largest non-zero one and
 * leaves out the zero ones, so with 2 parts 1 day and 30 seconds rounds down
 * to "1 day". 0 is "0 seconds".
 */
export function describeDuration(seconds: number, maxParts = UNITS.length): string {
  const parts: string[] = []
  let rest = Math.abs(seconds)
  let unitsSeen = 0
  for (const [unit, size] of UNITS) {
    if (unitsSeen === maxParts) break
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0) parts.push(plural(count, unit))
    if (parts.length > 0) unitsSeen++
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ')
}

/** Units kept in relative times: "3 hours 20 minutes ago" is precise enough to act on. */
const RELATIVE_PARTS = 2

/**
 * Describes `unixSeconds` relative to `now` with a past and a future verb
 * phrase, such as relativeTime(t, now, 'expired', 'expires'):
 * "expired 3 minutes ago", "expires in 23 hours", or "expires now".
 */
export function relativeTime(unixSeconds: number, now: number, past: string, future: string): string {
  const delta = unixSeconds - now
  if (delta === 0) return `${future} now`
  const words = describeDuration(delta, RELATIVE_PARTS)
  return delta < 0 ? `${past} ${words} ago` : `${future} in ${words}`
}

/**
 * Describes a Unix time with its ISO form and its distance from `now`, such
 * as "1446455472 (2015-11-02T09:11:12Z, issued 8 years 6 months ago)".
 */
export function describeTimestamp(unixSeconds: number, now: number, past: string, future: string): string {
  return `${String(unixSeconds)} (${isoTime(unixSeconds)}, ${relativeTime(unixSeconds, now, past, future)})`
}

/**
 * Describes a duration that starts at `start`, such as
 * "600 seconds (10 minutes), until 1970-01-13T20:48:31Z, expired 2 minutes ago".
 */
export function describeLifetime(start: number, seconds: number, now: number, past: string, future: string): string {
  const end = start + seconds
  return `${String(seconds)} seconds (${describeDuration(seconds)}), until ${isoTime(end)}, ${relativeTime(end, now, past, future)}`
}
