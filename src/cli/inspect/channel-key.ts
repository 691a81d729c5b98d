import { MIN_PRIVILEGE_EXPIRE_TIMESTAMP } from '../../access-token/inputs.js'
import type { ChannelKeyFormat } from '../../channel-key/detect.js'
import { parseKey } from '../../channel-key/parse-key.js'
import type { ChannelKeyFields, DynamicKey5Fields } from '../../channel-key/types.js'
import { JOIN_WINDOW_SECONDS, MAX_CLOCK_SKEW_SECONDS } from '../../channel-key/verify-checks.js'
import { ALLOW_UPLOAD_IN_CHANNEL } from '../../dynamic-key5/index.js'
import { usageError } from '../args.js'
import { describeDuration, describeTimestamp, isoTime, relativeTime } from '../time.js'
import {
  FORMAT_NAMES,
  quote,
  timeFields,
  type Comparison,
  type InspectRequest,
  type InspectWarning,
  type Inspection,
  type ReportRow,
} from './report.js'

/** DynamicKey5 service types by the --service names of `agora-keys generate`. */
const DYNAMIC_KEY5_SERVICES: Readonly<Record<number, string>> = {
  1: 'media',
  2: 'recording',
  3: 'public-sharing',
  4: 'in-channel-permission',
}

/** DynamicKey5 in-channel permissions by the --permission names of `agora-keys generate`. */
const PERMISSION_NAMES: Readonly<Record<string, string>> = { '0': 'no-upload', '3': 'audio-video-upload' }

/** The format name of each Channel Key version. */
export const VERSION_FORMATS: Readonly<Record<ChannelKeyFields['version'], ChannelKeyFormat>> = {
  '001': 'dynamic-key',
  '002': 'dynamic-key2',
  '003': 'dynamic-key3',
  '004': 'dynamic-key4',
  '005': 'dynamic-key5',
}

/** The inputs each version signs but does not store, which only verify can check. */
const NOT_STORED: Readonly<Record<ChannelKeyFields['version'], readonly string[]>> = {
  '001': ['channelName'],
  '002': ['channelName'],
  '003': ['channelName'],
  '004': ['channelName', 'uid', 'service'],
  '005': ['channelName', 'uid'],
}

function timeWarnings(fields: ChannelKeyFields, now: number): InspectWarning[] {
  const warnings: InspectWarning[] = []
  if (fields.unixTs - now > MAX_CLOCK_SKEW_SECONDS) {
    warnings.push({
      code: 'issued-in-future',
      message: `unixTs is ${describeDuration(fields.unixTs - now)} in the future, so check the clock of the server that made the key`,
    })
  }
  const windowEnd = fields.unixTs + JOIN_WINDOW_SECONDS
  if (windowEnd <= now) {
    warnings.push({
      code: 'join-window',
      message: `${relativeTime(windowEnd, now, 'join window closed', 'join window closes')}: a client must join within ${String(JOIN_WINDOW_SECONDS)} seconds of unixTs`,
    })
  }
  if (!('expiredTs' in fields) || fields.expiredTs === 0) return warnings

  if (fields.expiredTs < MIN_PRIVILEGE_EXPIRE_TIMESTAMP) {
    warnings.push({
      code: 'expire-looks-like-duration',
      message: `expiredTs is ${String(fields.expiredTs)}, which looks like a duration in seconds, but it is a Unix time (${isoTime(fields.expiredTs)}), so Agora removes the user at once`,
    })
  } else if (fields.expiredTs <= now) {
    warnings.push({
      code: 'call-expired',
      message: `expiredTs ${relativeTime(fields.expiredTs, now, 'passed', 'passes')}, so Agora removes the user from the channel`,
    })
  }
  if (fields.expiredTs < fields.unixTs) {
    warnings.push({
      code: 'expired-before-issue',
      message: `expiredTs is ${describeDuration(fields.unixTs - fields.expiredTs)} before unixTs, so the user is removed as soon as they join`,
    })
  }
  return warnings
}

/** The DynamicKey5 fields in both forms, with their warnings. */
interface DynamicKey5Report {
  readonly rows: ReportRow[]
  readonly json: Record<string, unknown>
  readonly warnings: InspectWarning[]
}

function describeDynamicKey5(fields: DynamicKey5Fields): DynamicKey5Report {
  const service = DYNAMIC_KEY5_SERVICES[fields.serviceType]
  const warnings: InspectWarning[] = []
  if (service === undefined) {
    warnings.push({
      code: 'unknown-service',
      message: `serviceType ${String(fields.serviceType)} is none of 1 (media), 2 (recording), 3 (public-sharing) and 4 (in-channel-permission)`,
    })
  }
  const rows: ReportRow[] = [{ label: 'serviceType', value: `${String(fields.serviceType)} (${service ?? 'unknown'})` }]
  const extra: Record<string, string> = {}
  let permission: string | undefined
  for (const [key, value] of fields.extra) {
    extra[String(key)] = value
    if (key === ALLOW_UPLOAD_IN_CHANNEL) {
      permission = PERMISSION_NAMES[value]
      rows.push({ label: 'permission', value: `${quote(value)} (${permission ?? 'unknown'})` })
      if (permission === undefined) {
        warnings.push({
          code: 'unknown-permission',
          message: `the in-channel permission is ${quote(value)}, neither "0" (no-upload) nor "3" (audio-video-upload)`,
        })
      }
    } else {
      rows.push({ label: `extra[${String(key)}]`, value: quote(value) })
    }
  }
  const json = {
    serviceType: fields.serviceType,
    service: service ?? null,
    extra,
    ...(permission === undefined ? {} : { permission }),
  }
  return { rows, json, warnings }
}

function compareChannelKey(fields: ChannelKeyFields, request: InspectRequest): Comparison[] {
  const { channelName, uid, account } = request.target
  if (account !== undefined) {
    throw usageError('--account does not apply to Channel Keys, which sign only integer uids, so use --uid', '--account')
  }
  const comparisons: Comparison[] = []
  if (channelName !== undefined) {
    comparisons.push({
      option: '--channel',
      value: channelName,
      matches: undefined,
      message: 'The channel name is signed but not stored, so only agora-keys verify with the App Certificate can check it.',
    })
  }
  if (uid === undefined) return comparisons

  const value = String(uid)
  if (fields.version === '001') {
    comparisons.push({ option: '--uid', value, matches: true, message: 'DynamicKey binds no uid, so any uid may use it.' })
  } else if (fields.version === '002' || fields.version === '003') {
    const matches = fields.uid === 0 || fields.uid === uid
    const message = fields.uid === 0 ? 'The key stores uid 0, which admits any uid.' : `The key stores uid ${String(fields.uid)}.`
    comparisons.push({ option: '--uid', value, matches, message })
  } else {
    comparisons.push({
      option: '--uid',
      value,
      matches: undefined,
      message: 'The uid is signed but not stored, so only agora-keys verify with the App Certificate can check it.',
    })
  }
  return comparisons
}

/**
 * Parses a Channel Key (DynamicKey 001–005) with parseKey and describes it.
 * Throws the parser's AgoraKeysError for a malformed key, and a usage error
 * for --account, because Channel Keys sign only integer uids.
 */
export function inspectChannelKey(key: string, request: InspectRequest): Inspection {
  const fields = parseKey(key)
  const format = VERSION_FORMATS[fields.version]
  const { now } = request
  const windowEnd = fields.unixTs + JOIN_WINDOW_SECONDS
  const rows: ReportRow[] = [
    { label: 'appId', value: fields.appId },
    { label: 'unixTs', value: describeTimestamp(fields.unixTs, now, 'issued', 'issued') },
    {
      label: 'joinWindowEnd',
      value: `${String(windowEnd)} (unixTs + ${String(JOIN_WINDOW_SECONDS)} seconds, ${relativeTime(windowEnd, now, 'closed', 'closes')})`,
    },
    { label: 'randomInt', value: String(fields.randomInt) },
  ]
  let json: Record<string, unknown> = {
    appId: fields.appId,
    signature: fields.signature,
    ...timeFields('unixTs', fields.unixTs),
    ...timeFields('joinWindowEnd', windowEnd),
    randomInt: fields.randomInt,
  }
  const warnings = timeWarnings(fields, now)

  if (fields.version === '002' || fields.version === '003') {
    rows.push({ label: 'uid', value: fields.uid === 0 ? '0 (any user may join)' : String(fields.uid) })
    json.uid = fields.uid
    if (fields.uid === 0) warnings.push({ code: 'uid-zero', message: 'uid is 0, so any user may join with this key' })
  }
  if ('expiredTs' in fields) {
    const expiredTs =
      fields.expiredTs === 0
        ? '0 (no limit)'
        : describeTimestamp(fields.expiredTs, now, 'user removed', 'user removed')
    rows.push({ label: 'expiredTs', value: expiredTs })
    json = { ...json, ...timeFields('expiredTs', fields.expiredTs, true) }
  }
  if (fields.version === '005') {
    const extra = describeDynamicKey5(fields)
    rows.push(...extra.rows)
    json = { ...json, ...extra.json }
    warnings.push(...extra.warnings)
  }
  rows.push(
    { label: 'signature', value: fields.signature },
    { label: 'not stored', value: `${NOT_STORED[fields.version].join(', ')} (signed only, so only verify can check them)` },
  )
  json.notStored = NOT_STORED[fields.version]

  return {
    format,
    version: fields.version,
    name: FORMAT_NAMES[format],
    rows,
    fields: json,
    comparisons: compareChannelKey(fields, request),
    warnings,
  }
}
