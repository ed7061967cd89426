// The indexed columns derived from a resource's canonical data. `data` is the source of truth;
// these columns exist so IdP lookups (userName, externalId, displayName, active) hit indexes. The
// `…_key` columns hold foldName of the name (scim/identity.ts), computed here and nowhere else.
import { foldName } from '../scim/identity'

type Data = Record<string, unknown>

const text = (value: unknown) => (typeof value === 'string' ? value : null)
const nameKey = (value: string | null) => (value === null ? null : foldName(value))

export function userColumns(data: Data) {
  const userName = text(data.userName) ?? ''
  return {
    userName,
    userNameKey: foldName(userName),
    externalId: text(data.externalId),
    displayName: text(data.displayName),
    displayNameKey: nameKey(text(data.displayName)),
    active: data.active !== false,
  }
}

export function teamColumns(data: Data) {
  const displayName = text(data.displayName) ?? ''
  return {
    displayName,
    displayNameKey: foldName(displayName),
    externalId: text(data.externalId),
  }
}
