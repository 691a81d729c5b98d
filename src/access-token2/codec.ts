/**
 * Byte layout of one AccessToken2 service: uint16 type, the privilege map
 * (uint16 count, then uint16 id and uint32 seconds in ascending id order),
 * then the fields of its type in this order:
 *
 * | type | fields after the privileges |
 * | --- | --- |
 * | 1 RTC | channelName, uid (strings) |
 * | 2 RTM, 5 Chat | userId |
 * | 3 Streaming, 6 FCDN | channelName, account |
 * | 4 FPA, 9 ConvoAI, 10 STT | none |
 * | 7 APaaS | roomUuid, userUuid, role (int16) |
 * | 8 RTM2 | userId, permissions |
 *
 * Strings are uint16-length-prefixed UTF-8. RTM2 permissions are a uint16
 * count of resource types, each a uint16 type, a uint16 count of permission
 * types, each a uint16 type, a uint16 count of names and the names. Nothing
 * records a service's length, so a parser cannot skip a type it does not know.
 */
import { AgoraKeysError } from '../errors.js'
import { sortAscending, type ByteReader, type ByteWriter } from '../bytes/index.js'
import {
  isKnownServiceType,
  type AccessToken2Service,
  type PrivilegeMap,
  type Rtm2Permissions,
} from './services.js'

const UINT16_MAX = 0xffff

/** Sorts object keys numerically, the order every reference writes. */
function numericKeys(record: Readonly<Record<number, unknown>>): number[] {
  return sortAscending(Object.keys(record).map(Number))
}

function putCount(writer: ByteWriter, count: number, field: string): void {
  if (count > UINT16_MAX) {
    throw new AgoraKeysError(
      'ERR_VALUE_TOO_LONG',
      `${field} has ${String(count)} entries; the format's uint16 count allows at most ${String(UINT16_MAX)}`,
      { field },
    )
  }
  writer.putUint16(count, `${field} count`)
}

function putPrivileges(writer: ByteWriter, privileges: PrivilegeMap, field: string): void {
  const ids = numericKeys(privileges)
  putCount(writer, ids.length, field)
  const keyField = `${field} key`
  for (const id of ids) {
    writer.putUint16(id, keyField)
    writer.putUint32(privileges[id] ?? 0, field, id)
  }
}

function putPermissions(writer: ByteWriter, permissions: Rtm2Permissions, field: string): void {
  const resourceTypes = numericKeys(permissions)
  putCount(writer, resourceTypes.length, field)
  for (const resourceType of resourceTypes) {
    const resourceField = `${field}[${String(resourceType)}]`
    const byPermission = permissions[resourceType] ?? {}
    const permissionTypes = numericKeys(byPermission)
    writer.putUint16(resourceType, `${field} key`)
    putCount(writer, permissionTypes.length, resourceField)
    for (const permissionType of permissionTypes) {
      const namesField = `${resourceField}[${String(permissionType)}]`
      const names = byPermission[permissionType] ?? []
      writer.putUint16(permissionType, `${resourceField} key`)
      putCount(writer, names.length, namesField)
      names.forEach((name, i) => writer.putString(name, `${namesField}[${String(i)}]`))
    }
  }
}

/** Appends one checked service. `field` names it in errors, e.g. "services[0]". */
export function packService(writer: ByteWriter, service: AccessToken2Service, field: string): void {
  writer.putUint16(service.type, `${field}.type`)
  putPrivileges(writer, service.privileges, `${field}.privileges`)
  switch (service.type) {
    case 1:
      writer.putString(service.channelName, `${field}.channelName`)
      writer.putString(service.uid, `${field}.uid`)
      return
    case 2:
    case 5:
      writer.putString(service.userId, `${field}.userId`)
      return
    case 3:
    case 6:
      writer.putString(service.channelName, `${field}.channelName`)
      writer.putString(service.account, `${field}.account`)
      return
    case 7:
      writer.putString(service.roomUuid, `${field}.roomUuid`)
      writer.putString(service.userUuid, `${field}.userUuid`)
      writer.putInt16(service.role, `${field}.role`)
      return
    case 8:
      writer.putString(service.userId, `${field}.userId`)
      putPermissions(writer, service.permissions, `${field}.permissions`)
      return
    case 4:
    case 9:
    case 10:
      return
  }
}

function readPrivileges(reader: ByteReader, field: string): PrivilegeMap {
  const out: Record<number, number> = {}
  for (const [id, seconds] of reader.getUint32Map(field)) out[id] = seconds
  return out
}

/** Reads a uint16 key and rejects a key already present in `seen`. */
function readUniqueKey(reader: ByteReader, seen: object, field: string): number {
  const key = reader.getUint16(`${field} key`)
  if (Object.hasOwn(seen, key)) {
    throw new AgoraKeysError('ERR_KEY_INVALID_FIELD', `${field} contains key ${String(key)} twice`, {
      field,
    })
  }
  return key
}

/**
 * Reads RTM2 permissions. Every loop step consumes at least two bytes or
 * throws ERR_KEY_TRUNCATED, so a forged count cannot make it spin.
 */
function readPermissions(reader: ByteReader, field: string): Rtm2Permissions {
  const out: Record<number, Record<number, string[]>> = {}
  const resourceCount = reader.getUint16(`${field} count`)
  for (let i = 0; i < resourceCount; i++) {
    const resourceType = readUniqueKey(reader, out, field)
    const resourceField = `${field}[${String(resourceType)}]`
    const byPermission: Record<number, string[]> = {}
    out[resourceType] = byPermission
    const permissionCount = reader.getUint16(`${resourceField} count`)
    for (let j = 0; j < permissionCount; j++) {
      const permissionType = readUniqueKey(reader, byPermission, resourceField)
      const namesField = `${resourceField}[${String(permissionType)}]`
      const nameCount = reader.getUint16(`${namesField} count`)
      const names: string[] = []
      for (let k = 0; k < nameCount; k++) names.push(reader.getString(`${namesField}[${String(k)}]`))
      byPermission[permissionType] = names
    }
  }
  return out
}

/** A service whose type this library does not know, with every byte after its type. */
export interface UnknownServiceBytes {
  readonly type: number
  readonly bytes: Uint8Array
}

/**
 * Reads one service. For an unknown type it returns the type and all bytes
 * left, because the format stores no service length to skip by.
 */
export function readService(
  reader: ByteReader,
  field: string,
): { readonly service: AccessToken2Service } | { readonly unknown: UnknownServiceBytes } {
  const type = reader.getUint16(`${field}.type`)
  if (!isKnownServiceType(type)) {
    return { unknown: { type, bytes: reader.getRaw(reader.remaining, field) } }
  }
  const privileges = readPrivileges(reader, `${field}.privileges`)
  const text = (name: string): string => reader.getString(`${field}.${name}`)
  switch (type) {
    case 1:
      return { service: { type, privileges, channelName: text('channelName'), uid: text('uid') } }
    case 2:
    case 5:
      return { service: { type, privileges, userId: text('userId') } }
    case 3:
    case 6:
      return { service: { type, privileges, channelName: text('channelName'), account: text('account') } }
    case 7: {
      const roomUuid = text('roomUuid')
      const userUuid = text('userUuid')
      const role = reader.getInt16(`${field}.role`)
      return { service: { type, privileges, roomUuid, userUuid, role } }
    }
    case 8: {
      const userId = text('userId')
      const permissions = readPermissions(reader, `${field}.permissions`)
      return { service: { type, privileges, userId, permissions } }
    }
    case 4:
    case 9:
    case 10:
      return { service: { type, privileges } }
  }
}
