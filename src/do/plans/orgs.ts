// Write plans for orgs and their settings.
import {
  insertOrg,
  selectOrg,
  toOrg,
  updateOrgSettings,
  type Org,
  type OrgSettings,
} from '../../repo/orgs'
import { selectTeamsByIds } from '../../repo/teams'
import { selectTokens } from '../../repo/tokens'
import { orgView, putTokenRecord } from '../../credentials'
import { changeRates } from '../../limits/ceilings'
import { forbidden, invalidValue, notFound, uniqueness } from '../../scim/errors'
import type { Plan, WriteActor } from '../write-context'

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
    const org: Org = { ...input, createdAt: w.now, updatedAt: w.now }
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
    const changed = JSON.stringify(settings) !== JSON.stringify(before.settings)
    const org: Org = { ...before, settings, updatedAt: changed ? w.now : before.updatedAt }
    if (!changed) return { statements: [], events: [], value: org }
    return {
      statements: [updateOrgSettings(w.db, orgId, settings, w.now)],
      events: [
        {
          type: 'org.settings_updated',
          resourceType: 'Org',
          resourceId: orgId,
          data: { settings },
        },
      ],
      value: org,
      orgChanged: true,
      // The read path takes these settings from each token's KV record: refresh them.
      after:
        JSON.stringify(orgView(settings)) === JSON.stringify(orgView(before.settings))
          ? undefined
          : async () => {
              const live = scimTokens.filter(
                (t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > w.now),
              )
              await Promise.all(
                live.map((t) =>
                  putTokenRecord(kv, t.secretHash, {
                    orgId,
                    tokenId: t.id,
                    kind: 'scim',
                    expiresAt: t.expiresAt,
                    view: orgView(settings),
                  }),
                ),
              )
            },
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
