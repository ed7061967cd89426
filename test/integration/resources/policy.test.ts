// Org group policy: `full` lets IdPs create, rename and delete teams; `link-only` keeps team
// creation in the app — POST of an existing name is 409 (so Okta "Link Group" links it), of an
// unknown name 403 naming the team to create; DELETE is 403; membership and rename still work.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError } from '../../helpers/api'
import { createGroup, createUser, getJson, memberIds, patch, send } from '../../helpers/resources'

async function linkOnlyOrg() {
  const org = await createTestOrg()
  const existing = await createGroup(org, 'Engineering')
  const res = await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
    method: 'PATCH',
    json: { groupPolicy: 'link-only' },
  })
  expect(res.status).toBe(200)
  return { org, existing }
}

describe('group policy', () => {
  it('full: IdPs create, rename and delete teams', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, 'Sales')
    expect(
      (
        await patch(org, `/Groups/${group.id}`, {
          op: 'replace',
          path: 'displayName',
          value: 'Sales EMEA',
        })
      ).status,
    ).toBe(204)
    expect((await send(org, 'DELETE', `/Groups/${group.id}`)).status).toBe(204)
    await expectScimError(await send(org, 'GET', `/Groups/${group.id}`), 404)
  })

  it('link-only: POST of an existing name (any case) is 409 uniqueness, and the filter finds it', async () => {
    const { org, existing } = await linkOnlyOrg()
    await expectScimError(
      await send(org, 'POST', '/Groups', { displayName: 'ENGINEERING' }),
      409,
      'uniqueness',
    )
    const found = await getJson(
      org,
      `/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`,
    )
    expect(found.Resources.map((g: { id: string }) => g.id)).toEqual([existing.id])
  })

  it('link-only: POST of an unknown name is 403 naming the team to create, and creates nothing', async () => {
    const { org } = await linkOnlyOrg()
    const body = await expectScimError(
      await send(org, 'POST', '/Groups', { displayName: 'Marketing' }),
      403,
    )
    expect(body.detail).toContain('"Marketing"')
    expect((await getJson(org, '/Groups')).totalResults).toBe(1)
  })

  it('link-only: DELETE is 403 and the team stays; rename and membership still work', async () => {
    const { org, existing } = await linkOnlyOrg()
    await expectScimError(await send(org, 'DELETE', `/Groups/${existing.id}`), 403)
    const user = await createUser(org, 'linked@x.test')
    const res = await patch(
      org,
      `/Groups/${existing.id}`,
      { op: 'replace', path: 'displayName', value: 'Engineering (linked)' },
      { op: 'add', path: 'members', value: [{ value: user.id }] },
    )
    expect(res.status).toBe(204)
    expect((await getJson(org, `/Groups/${existing.id}`)).displayName).toBe('Engineering (linked)')
    expect(await memberIds(org, existing.id)).toEqual([user.id])
  })
})
