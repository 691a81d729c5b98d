import { utf8Length } from '../bytes/encoding.js'
import { checkByteLength } from '../bytes/writer.js'
import { AgoraKeysError } from '../errors.js'
import { randomIntInRange } from '../random.js'
import {
  UINT32_MAX,
  checkAppCertificate,
  checkAppId,
  checkInt16,
  checkOptions,
  checkString,
  checkTimestamp,
  checkUint32,
  describeValue,
  quoteString,
  nowSeconds,
} from '../validate.js'
import {
  isKnownServiceType,
  type AccessToken2Service,
  type PrivilegeMap,
  type Rtm2Permissions,
} from './services.js'

/**
 * A UTF-16 code unit takes at most 3 UTF-8 bytes, so a string of at most this
 * many code units fits a uint16 length prefix without being counted.
 */
const MAX_UNCOUNTED_STRING_LENGTH = 21_845

/**
 * Checks a string that a token stores with a uint16 length prefix: any
 * content, at most 65535 bytes of UTF-8 (`ERR_VALUE_TOO_LONG` above).
 */
export function checkLengthPrefixedString(value: unknown, field: string): string {
  const text = checkString(value, field)
  if (text.length > MAX_UNCOUNTED_STRING_LENGTH) checkByteLength(utf8Length(text), field)
  return text
}

/** Inputs of {@link buildAccessToken2}. */
export interface AccessToken2Options {
  /** App ID from Agora Console: 32 hex characters. */
  readonly appId: string
  /** App Certificate: 32 hex characters. Keep it on your server. */
  readonly appCertificate: string
  /** Issue time, Unix seconds. Default: now. 0 is written as 0. */
  readonly issueTs?: number
  /**
   * How long the token is valid, in seconds after issueTs (a duration, not a
   * timestamp as in "006"). Agora's documentation gives 86400 (24 hours) as the maximum.
   */
  readonly expire: number
  /** Random uint32 mixed into the signing key. Default: fresh per call, from 1 to 99999999 like the references. */
  readonly salt?: number
  /** The services the token grants, in any order. At least one. */
  readonly services: readonly AccessToken2Service[]
}

/** Checked build inputs with defaults applied. */
export interface ResolvedAccessToken2Inputs {
  readonly appId: string
  readonly appCertificate: string
  readonly issueTs: number
  readonly expire: number
  readonly salt: number
  /** Checked copies, in the caller's order. */
  readonly services: readonly AccessToken2Service[]
}

/** The salt range of the references (Python secrets.randint(1, 99999999)). */
export const SALT_MIN = 1
export const SALT_MAX = 99_999_999

/**
 * Durations above this many seconds (about 3.2 years) are taken for absolute
 * Unix timestamps, the usual mistake when porting "006" code, where expiries
 * were timestamps. The uint32 maximum 4294967295 is still accepted: it cannot
 * be a timestamp before 2106, and callers use it for "as long as possible".
 */
export const MAX_DURATION_SECONDS = 100_000_000

const UINT16_MAX = 0xffff
const DECIMAL_KEY = /^(?:0|[1-9][0-9]*)$/

/**
 * Checks a duration in seconds: a uint32 that does not look like an absolute
 * Unix timestamp in seconds or milliseconds.
 */
export function checkDuration(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      `${field} is ${String(value)}, which looks like a Unix timestamp in milliseconds; AccessToken2 takes a duration in seconds after issueTs, such as 3600 for one hour`,
      { field },
    )
  }
  const seconds = checkUint32(value, field)
  if (seconds > MAX_DURATION_SECONDS && seconds !== UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      `${field} is ${String(seconds)}, which looks like a Unix timestamp; AccessToken2 takes a duration in seconds after issueTs, such as 3600 for one hour`,
      { field },
    )
  }
  return seconds
}

/**
 * Checks every build option and fills in the defaults. `what` names the
 * calling function in error messages.
 */
export function resolveAccessToken2Inputs(options: unknown, what: string): ResolvedAccessToken2Inputs {
  const input = checkOptions(options, what)
  return {
    appId: checkAppId(input.appId),
    appCertificate: checkAppCertificate(input.appCertificate),
    issueTs: input.issueTs === undefined ? nowSeconds() : checkTimestamp(input.issueTs, 'issueTs'),
    expire: checkDuration(input.expire, 'expire'),
    salt: input.salt === undefined ? randomIntInRange(SALT_MIN, SALT_MAX) : checkUint32(input.salt, 'salt'),
    services: checkServices(input.services),
  }
}

function checkServices(value: unknown): AccessToken2Service[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      'services must be a non-empty array of services, such as [{ type: ServiceType.rtc, channelName, uid, privileges }]',
      { field: 'services' },
    )
  }
  if (value.length > UINT16_MAX) {
    throw new AgoraKeysError(
      'ERR_VALUE_TOO_LONG',
      `services has ${String(value.length)} entries; the format's uint16 count allows at most ${String(UINT16_MAX)}`,
      { field: 'services' },
    )
  }
  // Array.from passes a hole as undefined, so checkService rejects it. Array.prototype.map would skip it.
  return Array.from(value, (service: unknown, index) => checkService(service, `services[${String(index)}]`))
}

function checkObject(value: unknown, field: string, hint: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `${field} must be ${hint}`, { field })
  }
  // Object.keys lists no entries of a Map or Set, so one would be written as an empty object.
  // The tag also matches a Map or Set from another realm, which instanceof misses.
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object Map]' || tag === '[object Set]') {
    const kind = tag === '[object Map]' ? 'Map' : 'Set'
    throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `${field} must be ${hint}, not a ${kind}`, { field })
  }
  return value as Record<string, unknown>
}

/** Checks one service object and returns a copy containing only the fields of its type. */
export function checkService(value: unknown, field: string): AccessToken2Service {
  const service = checkObject(value, field, 'a service object with a numeric type')
  const type = service.type
  if (typeof type !== 'number' || !isKnownServiceType(type)) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `${field}.type must be a service type from 1 to 10 (see ServiceType), got ${describeValue(type)}`,
      { field: `${field}.type` },
    )
  }
  const privileges = checkPrivileges(service.privileges, `${field}.privileges`)
  const text = (name: string): string => checkLengthPrefixedString(service[name], `${field}.${name}`)

  switch (type) {
    case 1:
      return { type, privileges, channelName: text('channelName'), uid: text('uid') }
    case 2:
    case 5:
      return { type, privileges, userId: text('userId') }
    case 3:
    case 6:
      return { type, privileges, channelName: text('channelName'), account: text('account') }
    case 7:
      return {
        type,
        privileges,
        roomUuid: text('roomUuid'),
        userUuid: text('userUuid'),
        role: checkInt16(service.role, `${field}.role`),
      }
    case 8:
      return {
        type,
        privileges,
        userId: text('userId'),
        permissions: checkPermissions(service.permissions, `${field}.permissions`),
      }
    case 4:
    case 9:
    case 10:
      return { type, privileges }
  }
}

/** Checks a uint16 key written as an object key. */
function checkKey(key: string, field: string): number {
  const value = DECIMAL_KEY.test(key) ? Number(key) : Number.NaN
  if (!(value <= UINT16_MAX)) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `${field} has the key ${quoteString(key)}; keys must be integers from 0 to ${String(UINT16_MAX)}`,
      { field },
    )
  }
  return value
}

function checkPrivileges(value: unknown, field: string): PrivilegeMap {
  const input = checkObject(value, field, 'an object of privilege id → seconds, such as { 1: 3600 }')
  const out: Record<number, number> = {}
  for (const key of Object.keys(input)) {
    const id = checkKey(key, field)
    const seconds = input[key]
    // The field name is built only for checkDuration, which needs it to report an error.
    out[id] = isShortDuration(seconds) ? seconds : checkDuration(seconds, `${field}[${key}]`)
  }
  return out
}

/** Tells whether `value` is an integer from 0 to {@link MAX_DURATION_SECONDS}, which checkDuration returns as it is. */
function isShortDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DURATION_SECONDS
}

/** Throws `ERR_VALUE_TOO_LONG` when `count` entries do not fit the format's uint16 count. */
function checkCount(count: number, field: string, entries: string): void {
  if (count > UINT16_MAX) {
    throw new AgoraKeysError(
      'ERR_VALUE_TOO_LONG',
      `${field} has ${String(count)} ${entries}; the format's uint16 count allows at most ${String(UINT16_MAX)}`,
      { field },
    )
  }
}

/**
 * Checks RTM2 permissions and returns a checked copy. `field` names them in
 * errors, followed by the keys of a faulty entry.
 */
export function checkPermissions(value: unknown, field: string): Rtm2Permissions {
  const hint = 'an object of resource type → permission type → resource names, such as { 0: { 0: ["channel-a"] } }'
  const input = checkObject(value, field, hint)
  const resourceKeys = Object.keys(input)
  checkCount(resourceKeys.length, field, 'resource types')
  const out: Record<number, Record<number, string[]>> = {}
  for (const resourceKey of resourceKeys) {
    const resourceType = checkKey(resourceKey, field)
    const resourceField = `${field}[${resourceKey}]`
    const byPermission = checkObject(input[resourceKey], resourceField, hint)
    const permissionKeys = Object.keys(byPermission)
    checkCount(permissionKeys.length, resourceField, 'permission types')
    const inner: Record<number, string[]> = {}
    for (const permissionKey of permissionKeys) {
      const permissionType = checkKey(permissionKey, resourceField)
      const namesField = `${resourceField}[${permissionKey}]`
      const names = byPermission[permissionKey]
      if (!Array.isArray(names)) {
        throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `${namesField} must be an array of resource names`, {
          field: namesField,
        })
      }
      checkCount(names.length, namesField, 'names')
      inner[permissionType] = Array.from(names, (name: unknown, i) =>
        checkLengthPrefixedString(name, `${namesField}[${String(i)}]`),
      )
    }
    out[resourceType] = inner
  }
  return out
}
