import { checkChannelName } from '../../channel-key/channel-name.js'
import type { KeyFormat } from '../../channel-key/detect.js'
import { isoTime } from '../time.js'

/** A finding that deserves attention, with a stable code for scripts. */
export interface InspectWarning {
  readonly code: string
  readonly message: string
}

/** One line of the text report: a field and its value, or a titled group of lines. */
export type ReportRow =
  | { readonly label: string; readonly value: string }
  | { readonly title: string; readonly rows: readonly ReportRow[] }

/** The options that inspect compares with what a key stores. */
export type ComparedOption = '--channel' | '--uid' | '--account'

/** The outcome of comparing one of --channel, --uid or --account with a key. */
export interface Comparison {
  readonly option: ComparedOption
  /** The option's value as given. */
  readonly value: string
  /** Whether the key matches, or undefined when the key stores nothing to compare with. */
  readonly matches: boolean | undefined
  readonly message: string
}

/** The channel and user given on the command line, which inspect compares with the key. */
export interface InspectTarget {
  readonly channelName?: string
  /** Integer uid, already wrapped to unsigned 32 bits. */
  readonly uid?: number
  readonly account?: string
}

/** Inputs of every inspector besides the key. */
export interface InspectRequest {
  /** The time to describe times against, Unix seconds. */
  readonly now: number
  readonly target: InspectTarget
}

/** Everything inspect prints about one key, in a form for people and a form for JSON. */
export interface Inspection {
  readonly format: KeyFormat
  /** The format version, such as "005". */
  readonly version: string
  /** The format's name for people, such as 'AccessToken2 "007"'. */
  readonly name: string
  /** The decoded fields for the text report. */
  readonly rows: readonly ReportRow[]
  /**
   * The decoded fields for --json. Every Unix time field `x` has a sibling
   * `xIso` with the ISO 8601 UTC time, or null where 0 means "no limit".
   */
  readonly fields: Readonly<Record<string, unknown>>
  readonly comparisons: readonly Comparison[]
  readonly warnings: readonly InspectWarning[]
}

/** The display name of each format. */
export const FORMAT_NAMES: Readonly<Record<KeyFormat, string>> = {
  'dynamic-key': 'DynamicKey (001)',
  'dynamic-key2': 'DynamicKey2 (002)',
  'dynamic-key3': 'DynamicKey3 "003"',
  'dynamic-key4': 'DynamicKey4 "004"',
  'dynamic-key5': 'DynamicKey5 "005"',
  'access-token': 'AccessToken "006"',
  'access-token2': 'AccessToken2 "007"',
}

/** The version each format writes, as the parsers return it. */
export const FORMAT_VERSIONS: Readonly<Record<KeyFormat, string>> = {
  'dynamic-key': '001',
  'dynamic-key2': '002',
  'dynamic-key3': '003',
  'dynamic-key4': '004',
  'dynamic-key5': '005',
  'access-token': '006',
  'access-token2': '007',
}

/** Returns `{ name: seconds, nameIso: iso }`, with a null ISO time for a 0 that means "no limit". */
export function timeFields(name: string, unixSeconds: number, zeroMeansNone = false): Record<string, unknown> {
  return {
    [name]: unixSeconds,
    [`${name}Iso`]: zeroMeansNone && unixSeconds === 0 ? null : isoTime(unixSeconds),
  }
}

/** Returns one warning per broken channel-name rule, its code prefixed with "channel-name-". */
export function channelNameWarnings(channelName: string, source: string): InspectWarning[] {
  return checkChannelName(channelName).problems.map((problem) => ({
    code: `channel-name-${problem.code}`,
    message: `${source}: ${problem.message}`,
  }))
}

/** Quotes a string for the report, so empty and space-padded values stay visible. */
export function quote(text: string): string {
  return JSON.stringify(text)
}

/** Formats rows as aligned "label  value" lines, indenting each group under its title. */
function formatRows(rows: readonly ReportRow[], indent: number): string[] {
  const width = Math.max(0, ...rows.map((row) => ('label' in row ? row.label.length : 0))) + 2
  const lines: string[] = []
  for (const row of rows) {
    if ('label' in row) {
      lines.push(`${' '.repeat(indent)}${row.label.padEnd(width)}${row.value}`)
    } else {
      lines.push(`${' '.repeat(indent)}${row.title}`, ...formatRows(row.rows, indent + 2))
    }
  }
  return lines
}

/** Describes the clock the report was made against. */
function clockLine(now: number, pinned: boolean): string {
  const source = pinned ? `--now ${String(now)}` : 'the system clock'
  return `Times are relative to ${isoTime(now)} (${source}).`
}

function comparisonLine(comparison: Comparison): string {
  let verdict = 'cannot tell'
  if (comparison.matches === true) verdict = 'matches'
  if (comparison.matches === false) verdict = 'does not match'
  return `  ${comparison.option} ${quote(comparison.value)}: ${verdict}. ${comparison.message}`
}

/** Formats an inspection as the text report. */
export function formatInspection(inspection: Inspection, now: number, pinned: boolean): string {
  const lines = [
    `${inspection.name}, format ${inspection.format}`,
    clockLine(now, pinned),
    '',
    ...formatRows(inspection.rows, 2),
  ]
  if (inspection.comparisons.length > 0) {
    lines.push('', 'Compared with the options:', ...inspection.comparisons.map(comparisonLine))
  }
  if (inspection.warnings.length > 0) {
    lines.push('', 'Warnings:', ...inspection.warnings.map((warning) => `  - ${warning.message} (${warning.code})`))
  }
  return `${lines.join('\n')}\n`
}

/** Builds the --json object of an inspection. */
export function inspectionJson(inspection: Inspection, now: number): Record<string, unknown> {
  return {
    format: inspection.format,
    version: inspection.version,
    ...timeFields('now', now),
    fields: inspection.fields,
    comparisons: inspection.comparisons.map((comparison) => ({
      ...comparison,
      matches: comparison.matches ?? null,
    })),
    warnings: inspection.warnings,
  }
}
