// Write plans for orgs and their settings.
import {
  insertOrg,
  rolesCatalogueFor,
  selectExtensionValueCounts,
  selectOrg,
  toOrg,
  updateOrgSettings,
  type Org,
  type OrgCatalogue,
  type OrgSettings,
} from '../../repo/orgs'
import {
  MAX_ENTITLEMENT_TYPES,
  catalogueOfValues,
  checkCatalogue,
  checkEntitlementType,
  type CatalogueEntry,
} from '../../scim/catalogue'
import { foldCase } from '../../scim/text'
import { checkExtension, type ExtensionDeclaration } from '../../scim/extensions'
import { selectTeamsByIds } from '../../repo/teams'
import { selectTokens, type TokenRow } from '../../repo/tokens'
import { orgView, putTokenRecord } from '../../credentials'
import { changeRates } from '../../limits/ceilings'
import { forbidden, invalidValue, notFound, uniqueness } from '../../scim/errors'
import type { EventDraft } from '../../repo/events'
import type { Decision, Plan, WriteActor, WriteContext } from '../write-context'

export interface CreateOrgInput {
  id: string
  name: string
  settings: OrgSettings
}

export type SettingsPatch = Partial<OrgSettings>

export const createOrg =
  (input: CreateOrgInput): Plan<Org> =>
  async (w) => {
    const [existing] = await w.read(selectOrg(w.db, input.id))
    if (existing.length > 0) throw uniqueness(`Org ${input.id} already exists.`)
    // As for PATCH …/settings: the default team must be a team of the org, and a new org has none.
    const { defaultTeamId } = input.settings
    if (defaultTeamId) throw invalidValue(`Team ${defaultTeamId} does not exist in this org.`)
    const catalogue = { roles: catalogueOfValues(input.settings.roleValues), entitlementTypes: [] }
    const org: Org = { ...input, catalogue, extensions: [], createdAt: w.now, updatedAt: w.now }
    return {
      statements: [insertOrg(w.db, org)],
      events: [
        { type: 'org.created', resourceType: 'Org', resourceId: org.id, data: { name: org.name } },
      ],
      value: org,
      orgChanged: true,
    }
  }

export const updateSettings =
  (kv: KVNamespace, orgId: string, actor: WriteActor, patch: SettingsPatch): Plan<Org> =>
  async (w) => {
    const [rows, team, scimTokens] = await w.read(
      selectOrg(w.db, orgId),
      selectTeamsByIds(w.db, orgId, patch.defaultTeamId ? [patch.defaultTeamId] : []),
      selectTokens(w.db, orgId, 'scim'),
    )
    if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
    if (patch.defaultTeamId && team.length === 0) {
      throw invalidValue(`Team ${patch.defaultTeamId} does not exist in this org.`)
    }
    const before = toOrg(rows[0])
    const rates = changeRates(
      before.settings,
      patch,
      'operator' in actor ? 'operator' : 'org-admin',
    )
    if (!rates.ok) {
      throw rates.reason === 'ceiling-below-rate'
        ? invalidValue(rates.detail)
        : forbidden(rates.detail)
    }
    const settings: OrgSettings = { ...before.settings, ...patch, ...rates.rates }
    // Role values and the role catalogue stay one list: kept values keep their names.
    const catalogue = {
      ...before.catalogue,
      roles: rolesCatalogueFor(settings.roleValues, before.catalogue.roles),
    }
    const changed = JSON.stringify(settings) !== JSON.stringify(before.settings)
    const org: Org = {
      ...before,
      settings,
      catalogue,
      updatedAt: changed ? w.now : before.updatedAt,
    }
    if (!changed) return { statements: [], events: [], value: org }
    const event = { type: 'org.settings_updated' as const, data: { settings } }
    return orgChange(w, kv, { before, after: org, scimTokens }, event, org)
  }

/** A change to the role catalogue, or to one entitlement type (`values: null` removes it). */
export type CatalogueChange =
  { roles: CatalogueEntry[] } | { entitlementType: string; values: CatalogueEntry[] | null }

/**
 * Writes the org's role catalogue (and with it the role values) or one entitlement type's
 * catalogue. Grants users already hold are kept as stored: a value taken out of the catalogue is
 * refused on the user's next write that sends it, not removed behind the IdP's back.
 */
export const updateCatalogue =
  (kv: KVNamespace, orgId: string, change: CatalogueChange): Plan<Org> =>
  async (w) => {
    const { before, scimTokens } = await orgForChange(w, orgId)
    const catalogue = changedCatalogue(before.catalogue, change)
    const settings =
      'roles' in change
        ? { ...before.settings, roleValues: catalogue.roles.map((e) => e.value) }
        : before.settings
    const changed = JSON.stringify(catalogue) !== JSON.stringify(before.catalogue)
    const org: Org = {
      ...before,
      settings,
      catalogue,
      updatedAt: changed ? w.now : before.updatedAt,
    }
    if (!changed) return { statements: [], events: [], value: org }
    const event = {
      type: 'org.catalogue_updated' as const,
      data: { catalogue },
      previous: { catalogue: before.catalogue },
    }
    return orgChange(w, kv, { before, after: org, scimTokens }, event, org)
  }

function changedCatalogue(before: OrgCatalogue, change: CatalogueChange): OrgCatalogue {
  if ('roles' in change) {
    if (change.roles.length === 0) throw invalidValue('An org has at least one role.')
    checkCatalogue(change.roles, 'The role catalogue')
    return { ...before, roles: change.roles }
  }
  checkEntitlementType(change.entitlementType)
  const same = (t: { type: string }) => foldCase(t.type) === foldCase(change.entitlementType)
  const others = before.entitlementTypes.filter((t) => !same(t))
  if (change.values === null) {
    if (others.length === before.entitlementTypes.length) {
      throw notFound(`No entitlement type ${change.entitlementType}.`)
    }
    return { ...before, entitlementTypes: others }
  }
  checkCatalogue(change.values, `Entitlement type ${change.entitlementType}`)
  const existing = before.entitlementTypes.find(same)
  if (!existing && others.length >= MAX_ENTITLEMENT_TYPES) {
    throw invalidValue(`An org has at most ${MAX_ENTITLEMENT_TYPES} entitlement types.`)
  }
  // A type keeps its first spelling and its place; a new one goes last.
  const type = existing?.type ?? change.entitlementType
  const updated = { type, values: change.values }
  return {
    ...before,
    entitlementTypes: existing
      ? before.entitlementTypes.map((t) => (same(t) ? updated : t))
      : [...before.entitlementTypes, updated],
  }
}

/** Declares (or replaces) one extension, or (`declaration: null`) removes it. */
export interface ExtensionChange {
  urn: string
  declaration: Omit<ExtensionDeclaration, 'urn'> | null
}

/** Attributes a change leaves undeclared while users still hold values for them. */
export interface ExtensionsChanged {
  org: Org
  declaration: ExtensionDeclaration | null
  undeclaredValues: { urn: string; attribute: string; users: number }[]
}

/**
 * Declares, replaces or removes one of the org's extensions. Nothing stored is deleted: values
 * of attributes no longer declared stay on their users (kept by every later write, scim/extensions
 * keepUndeclared) and the answer counts them, so a removal is never a silent loss.
 */
export const updateExtensions =
  (kv: KVNamespace, orgId: string, change: ExtensionChange): Plan<ExtensionsChanged> =>
  async (w) => {
    const { before, scimTokens } = await orgForChange(w, orgId)
    const same = (d: ExtensionDeclaration) => foldCase(d.urn) === foldCase(change.urn)
    const existing = before.extensions.find(same)
    if (!change.declaration && !existing) throw notFound(`No extension ${change.urn}.`)
    // A URN keeps its first spelling: stored values sit under it.
    const declaration = change.declaration && {
      urn: existing?.urn ?? change.urn,
      ...change.declaration,
    }
    if (declaration) checkExtension(declaration, before.extensions, before.settings.roleSchema)
    const extensions = declaration
      ? existing
        ? before.extensions.map((d) => (same(d) ? declaration : d))
        : [...before.extensions, declaration]
      : before.extensions.filter((d) => !same(d))
    const kept = new Set(declaration?.attributes.map((a) => foldCase(a.name)) ?? [])
    const dropped = (existing?.attributes ?? []).filter((a) => !kept.has(foldCase(a.name)))
    const [counts] = dropped.length
      ? await w.read(
          selectExtensionValueCounts(
            w.db,
            orgId,
            dropped.map((a) => [existing!.urn, a.name]),
          ),
        )
      : [[]]
    const undeclaredValues = counts
      .filter((c) => c.users > 0)
      .map((c) => ({ urn: c.urn, attribute: c.name, users: c.users }))
    if (JSON.stringify(extensions) === JSON.stringify(before.extensions)) {
      return { statements: [], events: [], value: { org: before, declaration, undeclaredValues } }
    }
    const org: Org = { ...before, extensions, updatedAt: w.now }
    const event = {
      type: 'org.extensions_updated' as const,
      data: { extensions, undeclaredValues },
      previous: { extensions: before.extensions },
    }
    return orgChange(w, kv, { before, after: org, scimTokens }, event, {
      org,
      declaration,
      undeclaredValues,
    })
  }

/** The org as a change starts from, and its SCIM tokens (their KV records carry its view). */
async function orgForChange(w: WriteContext, orgId: string) {
  const [rows, scimTokens] = await w.read(selectOrg(w.db, orgId), selectTokens(w.db, orgId, 'scim'))
  if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
  return { before: toOrg(rows[0]), scimTokens }
}

/**
 * A change of the org's row (settings, catalogue, extensions) as one decision: the row rewritten
 * with its event, and the SCIM tokens' KV views refreshed after the commit when the view changed.
 */
function orgChange<V>(
  w: WriteContext,
  kv: KVNamespace,
  { before, after, scimTokens }: { before: Org; after: Org; scimTokens: TokenRow[] },
  event: Omit<EventDraft, 'resourceType' | 'resourceId'>,
  value: V,
): Decision<V> {
  return {
    statements: [updateOrgSettings(w.db, after.id, after, w.now)],
    events: [{ ...event, resourceType: 'Org', resourceId: after.id }],
    value,
    orgChanged: true,
    after: refreshViews(kv, after.id, before, after, scimTokens, w.now),
  }
}

/** The read path takes the org's view from each SCIM token's KV record: rewrite it on change. */
function refreshViews(
  kv: KVNamespace,
  orgId: string,
  before: Org,
  after: Org,
  scimTokens: TokenRow[],
  now: string,
) {
  const view = orgView(after.settings, after)
  if (JSON.stringify(view) === JSON.stringify(orgView(before.settings, before))) {
    return undefined
  }
  return async () => {
    const live = scimTokens.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now))
    await Promise.all(
      live.map((t) =>
        putTokenRecord(kv, t.secretHash, {
          orgId,
          tokenId: t.id,
          kind: 'scim',
          expiresAt: t.expiresAt,
          view,
        }),
      ),
    )
  }
}

/** How an asynchronous request (Prefer: respond-async, RFC 7240) ended: recorded as an event. */
export interface AsyncOutcome {
  txn: string
  method: string
  path: string
  status: number
  response: unknown
}

/** Appends `request.completed` to the outbox: nothing else changes (its SET is misc:asyncresp). */
export const recordAsyncOutcome =
  (outcome: AsyncOutcome): Plan<null> =>
  async () => ({
    statements: [],
    events: [
      {
        type: 'request.completed',
        resourceType: 'Request',
        resourceId: outcome.txn,
        data: outcome,
      },
    ],
    value: null,
  })
