// The indexed columns derived from a resource's canonical data. `data` is the source of truth;
// these columns exist so IdP lookups (userName, externalId, displayName, active) hit indexes.
import { foldCase } from '../scim/text'

type Data = Record<string, unknown>

const text = (value: unknown) => (typeof value === 'string' ? value : null)

export function userColumns(data: Data) {
  const userName = text(data.userName) ?? ''
  return {
    userName,
    userNameKey: foldCase(userName),
    externalId: text(data.externalId),
    displayName: text(data.displayName),
    active: data.active !== false,
  }
}

export function teamColumns(data: Data) {
  const displayName = text(data.displayName) ?? ''
  return {
    displayName,
    displayNameKey: foldCase(displayName),
    externalId: text(data.externalId),
  }
}
