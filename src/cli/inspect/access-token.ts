import {
  AccessTokenPrivilege,
  matchAccessTokenCrcs,
  MIN_PRIVILEGE_EXPIRE_TIMESTAMP,
  parseAccessToken,
  type AccessTokenFields,
  type AccessTokenPrivilegeEntry,
} from '../../access-token/index.js'
import { describeDuration, describeTimestamp, isoTime, relativeTime } from '../time.js'
import {
  FORMAT_NAMES,
  timeFields,
  type Comparison,
  type InspectRequest,
  type InspectWarning,
  type Inspection,
  type ReportRow,
} from './report.js'

/** The CRC-32 of the empty string, which "006" signs for uid 0 and for every RTM token. */
const EMPTY_STRING_CRC32 = 0

const CRC_CAVEAT = 'A CRC-32 match is no proof, which only agora-keys verify with the App Certificate gives.'

function privilegeName(privilege: AccessTokenPrivilegeEntry): string {
  return `${privilege.name ?? 'unknown'} (${String(privilege.id)})`
}

function privilegeValue(privilege: AccessTokenPrivilegeEntry, now: number): string {
  if (privilege.expireTimestamp === 0) return '0 (never expires, but the token still ends at ts)'
  return describeTimestamp(privilege.expireTimestamp, now, 'expired', 'expires')
}

function formatCrc(crc: number): string {
  return `${String(crc)} (0x${crc.toString(16).padStart(8, '0')})`
}

function privilegeWarnings(fields: AccessTokenFields, privilege: AccessTokenPrivilegeEntry, now: number): InspectWarning[] {
  const expiry = privilege.expireTimestamp
  if (expiry === 0) return []
  if (expiry < MIN_PRIVILEGE_EXPIRE_TIMESTAMP) {
    return [
      {
        code: 'expire-looks-like-duration',
        message: `${privilegeName(privilege)} expires at ${String(expiry)}, which looks like a duration in seconds, but "006" stores a Unix time (${isoTime(expiry)}), so the privilege has long expired`,
      },
    ]
  }
  const warnings: InspectWarning[] = []
  if (expiry > fields.ts) {
    warnings.push({
      code: 'privilege-outlives-token',
      message: `${privilegeName(privilege)} expires ${describeDuration(expiry - fields.ts)} after the token's ts, which ends it first`,
    })
  }
  // Once the token has expired, listing each privilege as expired too adds nothing.
  if (expiry <= now && fields.ts > now) {
    warnings.push({
      code: 'privilege-expired',
      message: `${privilegeName(privilege)} ${relativeTime(expiry, now, 'expired', 'expires')}`,
    })
  }
  return warnings
}

function tokenWarnings(fields: AccessTokenFields, now: number): InspectWarning[] {
  const warnings: InspectWarning[] = []
  if (fields.ts <= now) {
    warnings.push({ code: 'token-expired', message: `the token ${relativeTime(fields.ts, now, 'expired', 'expires')} (ts)` })
  }
  const joins = fields.privileges.some((privilege) => privilege.id === AccessTokenPrivilege.joinChannel)
  if (joins && fields.crcUid === EMPTY_STRING_CRC32) {
    warnings.push({
      code: 'uid-zero',
      message: 'crcUid is 0, the CRC-32 of the empty uid string, so the token was most likely built for uid 0 and any user may join',
    })
  }
  for (const privilege of fields.privileges) warnings.push(...privilegeWarnings(fields, privilege, now))
  return warnings
}

function compareAccessToken(fields: AccessTokenFields, request: InspectRequest): Comparison[] {
  const { channelName, uid, account } = request.target
  const user = account !== undefined ? { account } : uid !== undefined ? { uid } : {}
  if (channelName === undefined && !('uid' in user) && !('account' in user)) return []

  const match = matchAccessTokenCrcs(fields, { channelName: channelName ?? '', ...user })
  const comparisons: Comparison[] = []
  if (channelName !== undefined) {
    comparisons.push({
      option: '--channel',
      value: channelName,
      matches: match.channelName,
      message: `crcChannelName is the CRC-32 of the channel name, or of the user account in an RTM token. ${CRC_CAVEAT}`,
    })
  }
  // A token built for uid 0 (crcUid of the empty string) admits any uid or
  // account, as verifyAccessToken accepts it, so it matches every --uid/--account.
  const anyUser = fields.crcUid === EMPTY_STRING_CRC32
  const anyUserNote = 'crcUid is that of uid 0, so any uid or account may join'
  if (account !== undefined) {
    const message = anyUser && !match.uid ? `${anyUserNote}. ${CRC_CAVEAT}` : CRC_CAVEAT
    comparisons.push({ option: '--account', value: account, matches: match.uid || anyUser, message })
  } else if (uid !== undefined) {
    const signed = uid === 0 ? 'uid 0 is signed as the empty string' : `uid ${String(uid)} is signed as its decimal text`
    const note = anyUser && !match.uid ? `${signed}, but ${anyUserNote}` : signed
    comparisons.push({ option: '--uid', value: String(uid), matches: match.uid || anyUser, message: `${note}. ${CRC_CAVEAT}` })
  }
  return comparisons
}

/**
 * Parses an AccessToken "006" with parseAccessToken and describes it.
 * Throws the parser's AgoraKeysError for a malformed token.
 */
export function inspectAccessToken(token: string, request: InspectRequest): Inspection {
  const fields = parseAccessToken(token)
  const { now } = request
  const crcUidNote = fields.crcUid === EMPTY_STRING_CRC32 ? ', the CRC-32 of "" (uid 0, or any RTM token)' : ''
  const rows: ReportRow[] = [
    { label: 'appId', value: fields.appId },
    { label: 'ts', value: describeTimestamp(fields.ts, now, 'token expired', 'token expires') },
    { label: 'salt', value: String(fields.salt) },
    { label: 'crcChannelName', value: formatCrc(fields.crcChannelName) },
    { label: 'crcUid', value: formatCrc(fields.crcUid) + crcUidNote },
    {
      title: `privileges (${String(fields.privileges.length)})`,
      rows: fields.privileges.map((privilege) => ({
        label: privilegeName(privilege),
        value: privilegeValue(privilege, now),
      })),
    },
    { label: 'signature', value: fields.signature },
  ]
  const json = {
    appId: fields.appId,
    signature: fields.signature,
    crcChannelName: fields.crcChannelName,
    crcUid: fields.crcUid,
    salt: fields.salt,
    ...timeFields('ts', fields.ts),
    privileges: fields.privileges.map((privilege) => ({
      id: privilege.id,
      name: privilege.name ?? null,
      ...timeFields('expireTimestamp', privilege.expireTimestamp, true),
    })),
  }
  return {
    format: 'access-token',
    version: fields.version,
    name: FORMAT_NAMES['access-token'],
    rows,
    fields: json,
    comparisons: compareAccessToken(fields, request),
    warnings: tokenWarnings(fields, now),
  }
}
