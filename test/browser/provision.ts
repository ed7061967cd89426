// Test data for the browser tests, made through the real admin and SCIM APIs (never the database),
// so the console shows what an operator and an IdP would have produced.
import { admin, newOrgId, orgWithAdminKey } from '../cli/run'
import { OPERATOR_KEY, type Worker } from '../cli/worker'

export interface ProvisionedOrg {
  orgId: string
  /** An org admin key (`scimadm_…`): what an admin pastes into the console. */
  adminKey: string
  /** A SCIM bearer token for the org, as an IdP holds it. */
  scimToken: string
  /** The SCIM token's label, as the console lists it. */
  tokenLabel: string
}

/** A new org (an id no other test uses) with an admin key and one SCIM token. */
export async function provisionOrg(
  worker: Worker,
  { tokenLabel = 'Okta production' }: { tokenLabel?: string } = {},
): Promise<ProvisionedOrg> {
  const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY, newOrgId('browser'))
  const token = await admin(worker.url, adminKey, `/orgs/${orgId}/tokens`, {
    method: 'POST',
    json: { label: tokenLabel },
  })
  if (token.status !== 201) {
    throw new Error(`SCIM token: ${token.status} ${JSON.stringify(token.body)}`)
  }
  return { orgId, adminKey, scimToken: token.body.secret as string, tokenLabel }
}

/** A SCIM call as an IdP makes it: `path` is under /scim/v2, JSON in, parsed JSON (or null) out. */
export async function scim(
  worker: Worker,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${worker.url}/scim/v2${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}
