import {
  ApaasPrivilege,
  ChatPrivilege,
  FcdnPrivilege,
  FpaPrivilege,
  MAX_DURATION_SECONDS,
  parseAccessToken2,
  Rtm2PermissionType,
  Rtm2Privilege,
  Rtm2ResourceType,
  RtcPrivilege,
  RtmPrivilege,
  ServiceType,
  StreamingPrivilege,
  type AccessToken2Fields,
  type AccessToken2Service,
  type Rtm2Permissions,
  type RtcService,
} from '../../access-token2/index.js'
import { hexEncode } from '../../bytes/index.js'
import { MAX_CLOCK_SKEW_SECONDS } from '../../channel-key/verify-checks.js'
import { UINT32_MAX } from '../../validate.js'
import { describeDuration, describeLifetime, describeTimestamp, isoTime, relativeTime } from '../time.js'
import {
  channelNameWarnings,
  FORMAT_NAMES,
  quote,
  timeFields,
  type Comparison,
  type InspectRequest,
  type InspectWarning,
  type Inspection,
  type ReportRow,
} from './report.js'

/**
 * Maximum token lifetime in seconds that Agora's documentation gives: 24
 * hours, as noted on AccessToken2Options.expire.
 */
const MAX_DOCUMENTED_EXPIRE_SECONDS = 86400

/** Inverts a name → id constant into id → name. */
function namesById(constants: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  return new Map(Object.entries(constants).map(([name, id]) => [id, name]))
}

const SERVICE_NAMES = namesById(ServiceType)

/** Privilege names of each service type. ConvoAI (9) and STT (10) define none. */
const PRIVILEGE_NAMES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [ServiceType.rtc, namesById(RtcPrivilege)],
  [ServiceType.rtm, namesById(RtmPrivilege)],
  [ServiceType.streaming, namesById(StreamingPrivilege)],
  [ServiceType.fpa, namesById(FpaPrivilege)],
  [ServiceType.chat, namesById(ChatPrivilege)],
  [ServiceType.fcdn, namesById(FcdnPrivilege)],
  [ServiceType.apaas, namesById(ApaasPrivilege)],
  [ServiceType.rtm2, namesById(Rtm2Privilege)],
])

const RESOURCE_NAMES = namesById(Rtm2ResourceType)
const PERMISSION_NAMES = namesById(Rtm2PermissionType)

/** One privilege of one service, with its name and the service it belongs to. */
interface PrivilegeEntry {
  readonly service: AccessToken2Service
  readonly id: number
  readonly name: string | undefined
  readonly seconds: number
}

function serviceName(service: { readonly type: number }): string {
  return SERVICE_NAMES.get(service.type) ?? 'unknown'
}

function privilegesOf(service: AccessToken2Service): PrivilegeEntry[] {
  return Object.entries(service.privileges).map(([id, seconds]) => ({
    service,
    id: Number(id),
    name: PRIVILEGE_NAMES.get(service.type)?.get(Number(id)),
    seconds,
  }))
}

function privilegeLabel(privilege: PrivilegeEntry): string {
  return `${privilege.name ?? 'unknown'} (${String(privilege.id)})`
}

function looksLikeTimestamp(seconds: number): boolean {
  return seconds > MAX_DURATION_SECONDS && seconds !== UINT32_MAX
}

/** Tells whether the token's own lifetime has ended. Like verify, it reads expire 0 as "no limit". */
function tokenExpired(fields: AccessToken2Fields, now: number): boolean {
  return fields.expire !== 0 && fields.issueTs + fields.expire <= now
}

function expireWarnings(fields: AccessToken2Fields, now: number): InspectWarning[] {
  const warnings: InspectWarning[] = []
  if (fields.issueTs - now > MAX_CLOCK_SKEW_SECONDS) {
    warnings.push({
      code: 'issued-in-future',
      message: `issueTs is ${describeDuration(fields.issueTs - now)} in the future, so check the clock of the server that built the token`,
    })
  }
  if (fields.expire === 0) {
    warnings.push({
      code: 'expire-zero',
      message: 'expire is 0, which the references never define and Agora does not document for its servers',
    })
  } else if (looksLikeTimestamp(fields.expire)) {
    warnings.push({
      code: 'expire-looks-like-timestamp',
      message: `expire is ${String(fields.expire)}, which looks like a Unix time (${isoTime(fields.expire)}), but "007" stores a duration in seconds after issueTs`,
    })
  } else if (fields.expire > MAX_DOCUMENTED_EXPIRE_SECONDS) {
    warnings.push({
      code: 'expire-over-24-hours',
      message: `expire is ${describeDuration(fields.expire)}, longer than the 24 hours Agora's documentation gives as the maximum`,
    })
  }
  if (tokenExpired(fields, now)) {
    const end = fields.issueTs + fields.expire
    warnings.push({ code: 'token-expired', message: `the token ${relativeTime(end, now, 'expired', 'expires')} (issueTs + expire)` })
  }
  return warnings
}

function privilegeWarnings(fields: AccessToken2Fields, privilege: PrivilegeEntry, now: number): InspectWarning[] {
  const label = `${serviceName(privilege.service)} ${privilegeLabel(privilege)}`
  const { seconds } = privilege
  if (seconds === 0) return []
  if (looksLikeTimestamp(seconds)) {
    return [
      {
        code: 'expire-looks-like-timestamp',
        message: `${label} lasts ${String(seconds)} seconds, which looks like a Unix time, but "007" stores a duration in seconds after issueTs`,
      },
    ]
  }
  const warnings: InspectWarning[] = []
  if (fields.expire !== 0 && seconds > fields.expire) {
    warnings.push({
      code: 'privilege-outlives-token',
      message: `${label} lasts ${describeDuration(seconds)}, longer than the token's ${describeDuration(fields.expire)}, but Agora ends every privilege when the token expires`,
    })
  }
  // Once the token has expired, listing each privilege as expired too adds nothing.
  if (!tokenExpired(fields, now) && fields.issueTs + seconds <= now) {
    warnings.push({
      code: 'privilege-expired',
      message: `${label} ${relativeTime(fields.issueTs + seconds, now, 'expired', 'expires')}`,
    })
  }
  return warnings
}

/** Matches the text "007" writes for an integer uid from 1 to 4294967295. */
const UID_DECIMAL = /^[1-9][0-9]{0,9}$/

function rtcWarnings(service: RtcService): InspectWarning[] {
  const channel = quote(service.channelName)
  const warnings = channelNameWarnings(service.channelName, `rtc channelName ${channel}`)
  if (!(RtcPrivilege.joinChannel in service.privileges)) {
    warnings.push({
      code: 'missing-join-privilege',
      message: `the rtc service for channel ${channel} has no joinChannel privilege, so it cannot join`,
    })
  }

  const { uid } = service
  if (uid === '') {
    warnings.push({ code: 'uid-zero', message: `uid is empty, which is uid 0, so any user may join channel ${channel}` })
  } else if (uid === '0') {
    warnings.push({
      code: 'uid-account-zero',
      message:
        'uid is the string account "0", not the wildcard uid 0, which "007" writes as an empty string; ' +
        'only a client that joins with the string account "0" matches it',
    })
  } else if (/^[+-]?[0-9]+$/.test(uid) && !(UID_DECIMAL.test(uid) && Number(uid) <= UINT32_MAX)) {
    warnings.push({
      code: 'uid-not-integer',
      message:
        `uid ${quote(uid)} is a string account, because "007" writes an integer uid as decimal from 1 to ` +
        '4294967295 with no sign or leading zero. A client that joins with an integer uid never matches it ' +
        '(a negative int32 uid wraps to unsigned, so -1 is 4294967295)',
    })
  }
  return warnings
}

function permissionRows(permissions: Rtm2Permissions): ReportRow[] {
  const rows: ReportRow[] = []
  for (const [resource, byPermission] of Object.entries(permissions)) {
    for (const [permission, names] of Object.entries(byPermission)) {
      const resourceName = RESOURCE_NAMES.get(Number(resource)) ?? `resource ${resource}`
      const permissionName = PERMISSION_NAMES.get(Number(permission)) ?? `permission ${permission}`
      rows.push({ label: `${resourceName} ${permissionName}`, value: names.map(quote).join(', ') })
    }
  }
  return rows
}

/** Describes a stored field of a service, noting the empty values that have a meaning. */
function serviceFieldValue(service: AccessToken2Service, name: string, value: string | number): string {
  if (typeof value === 'number') return String(value)
  if (value !== '') return quote(value)
  if (service.type === ServiceType.rtc && name === 'uid') return '"" (uid 0: any user may join)'
  if (service.type === ServiceType.chat && name === 'userId') return '"" (an app token)'
  return '""'
}

function serviceRows(fields: AccessToken2Fields, service: AccessToken2Service, now: number): ReportRow {
  const rows: ReportRow[] = []
  for (const [name, value] of Object.entries(service)) {
    if (typeof value === 'string' || (typeof value === 'number' && name !== 'type')) {
      rows.push({ label: name, value: serviceFieldValue(service, name, value) })
    }
  }
  if ('permissions' in service) rows.push({ title: 'permissions', rows: permissionRows(service.permissions) })
  const privileges = privilegesOf(service).map((privilege) => ({
    label: privilegeLabel(privilege),
    value:
      privilege.seconds === 0
        ? '0 (no limit of its own, so it ends with the token)'
        : describeLifetime(fields.issueTs, privilege.seconds, now, 'expired', 'expires'),
  }))
  rows.push({ title: 'privileges', rows: privileges })
  return { title: `${serviceName(service)} service (type ${String(service.type)})`, rows }
}

function serviceJson(fields: AccessToken2Fields, service: AccessToken2Service): Record<string, unknown> {
  return {
    ...service,
    name: serviceName(service),
    privileges: privilegesOf(service).map((privilege) => {
      const end = fields.issueTs + privilege.seconds
      return {
        id: privilege.id,
        name: privilege.name ?? null,
        seconds: privilege.seconds,
        expiresAt: privilege.seconds === 0 ? null : end,
        expiresAtIso: privilege.seconds === 0 ? null : isoTime(end),
      }
    }),
  }
}

function rtcServices(fields: AccessToken2Fields): RtcService[] {
  return fields.services.filter((service): service is RtcService => service.type === ServiceType.rtc)
}

function compareAccessToken2(fields: AccessToken2Fields, request: InspectRequest): Comparison[] {
  const { channelName, uid, account } = request.target
  const rtc = rtcServices(fields)
  const comparisons: Comparison[] = []
  if (channelName !== undefined) {
    const stored = rtc.map((service) => quote(service.channelName)).join(', ')
    comparisons.push(
      rtc.length === 0
        ? { option: '--channel', value: channelName, matches: undefined, message: 'The token has no rtc service, so it names no channel.' }
        : {
            option: '--channel',
            value: channelName,
            matches: rtc.some((service) => service.channelName === channelName),
            message: `The rtc service is for channel ${stored}.`,
          },
    )
  }
  if (uid === undefined && account === undefined) return comparisons

  const option = account === undefined ? '--uid' : '--account'
  // An integer uid is stored as decimal text, and uid 0 as the empty string.
  const text = account ?? (uid === 0 ? '' : String(uid))
  const value = account ?? String(uid)
  const inChannel = rtc.filter((service) => service.channelName === channelName)
  const candidates = inChannel.length > 0 ? inChannel : rtc
  if (candidates.length === 0) {
    comparisons.push({ option, value, matches: undefined, message: 'The token has no rtc service, so it names no uid.' })
    return comparisons
  }
  const stored = candidates.map((service) => quote(service.uid)).join(', ')
  comparisons.push({
    option,
    value,
    matches: candidates.some((service) => service.uid === '' || service.uid === text),
    message: `The rtc service stores uid ${stored}, where "" is uid 0, which admits any user.`,
  })
  return comparisons
}

function tokenWarnings(fields: AccessToken2Fields, now: number): InspectWarning[] {
  const warnings = expireWarnings(fields, now)
  for (const service of fields.services) {
    if (service.type === ServiceType.rtc) warnings.push(...rtcWarnings(service))
    for (const privilege of privilegesOf(service)) warnings.push(...privilegeWarnings(fields, privilege, now))
  }
  if (fields.unknownService !== undefined) {
    warnings.push({
      code: 'unknown-service',
      message: `service type ${String(fields.unknownService.type)} is unknown to agora-keys, so it and any service after it are shown as raw bytes`,
    })
  }
  return warnings
}

/**
 * Parses an AccessToken2 "007" with parseAccessToken2 and describes it.
 * Rejects with the parser's AgoraKeysError for a malformed token.
 */
export async function inspectAccessToken2(token: string, request: InspectRequest): Promise<Inspection> {
  const fields = await parseAccessToken2(token)
  const { now } = request
  const expire =
    fields.expire === 0
      ? '0 (no limit of its own, though Agora does not document how its servers read 0)'
      : describeLifetime(fields.issueTs, fields.expire, now, 'expired', 'expires')
  const rows: ReportRow[] = [
    { label: 'appId', value: fields.appId },
    { label: 'issueTs', value: describeTimestamp(fields.issueTs, now, 'issued', 'issued') },
    { label: 'expire', value: expire },
    { label: 'salt', value: String(fields.salt) },
    { label: 'signature', value: fields.signature },
    { title: `services (${String(fields.serviceCount)})`, rows: fields.services.map((service) => serviceRows(fields, service, now)) },
  ]
  const unknown = fields.unknownService
  if (unknown !== undefined) {
    rows.push({ label: `unknown service type ${String(unknown.type)}`, value: `${String(unknown.bytes.length)} bytes: ${hexEncode(unknown.bytes)}` })
  }

  const end = fields.issueTs + fields.expire
  const json = {
    appId: fields.appId,
    signature: fields.signature,
    ...timeFields('issueTs', fields.issueTs),
    expire: fields.expire,
    expiresAt: fields.expire === 0 ? null : end,
    expiresAtIso: fields.expire === 0 ? null : isoTime(end),
    salt: fields.salt,
    serviceCount: fields.serviceCount,
    services: fields.services.map((service) => serviceJson(fields, service)),
    ...(unknown === undefined ? {} : { unknownService: { type: unknown.type, bytesHex: hexEncode(unknown.bytes) } }),
  }
  return {
    format: 'access-token2',
    version: fields.version,
    name: FORMAT_NAMES['access-token2'],
    rows,
    fields: json,
    comparisons: compareAccessToken2(fields, request),
    warnings: tokenWarnings(fields, now),
  }
}
