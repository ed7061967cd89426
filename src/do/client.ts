// The only do/ module the HTTP shell imports: a typed stub per org, the shapes its RPC methods
// take and return, and the turn of RPC error data back into ScimError.
import type { Bindings } from '../env'
import type { Placement } from '../credentials'
import { placementOf } from '../placement/lookup'
import { ScimError } from '../scim/errors'
import type { OrgWriter } from './org-writer'
import type { RpcResult } from './result'

export type { WriteActor } from './write-context'
export type { BulkWrite } from './org-writer'
export type { CatalogueChange, CreateOrgInput, ExtensionChange, SettingsPatch } from './plans/orgs'
export type { MintedToken, RotatedToken } from './plans/tokens'
export type { CreateOAuthClientInput, IssuedAccessToken } from './plans/oauth-clients'
export type { ResourceWritten } from './plans/common'
export type { RpcResult } from './result'
export type { MoveState } from './move/state'

export type OrgWriterStub = DurableObjectStub<OrgWriter>

/**
 * The org's writer. An org created in a jurisdiction has its writer there (Durable Object
 * jurisdictions: the object's storage and execution stay in it); moves never change it. workerd
 * does not implement jurisdictions, so local runs set DO_JURISDICTIONS=off (wrangler.toml).
 */
export function orgWriterStub(
  env: Bindings,
  orgId: string,
  jurisdiction: string | null = null,
): OrgWriterStub {
  const namespace = writerNamespace(env, jurisdiction)
  return namespace.get(namespace.idFromName(orgId))
}

export function writerNamespace(
  env: Pick<Bindings, 'ORG_WRITER' | 'DO_JURISDICTIONS'>,
  jurisdiction: string | null,
): DurableObjectNamespace<OrgWriter> {
  if (!jurisdiction || env.DO_JURISDICTIONS === 'off') return env.ORG_WRITER
  return env.ORG_WRITER.jurisdiction(jurisdiction as DurableObjectJurisdiction)
}

/**
 * The org's writer, in the org's jurisdiction. Without jurisdictions (DO_JURISDICTIONS=off) no
 * lookup is needed; with them, the placement (known, or looked up) says which.
 */
export async function writerOf(
  env: Bindings,
  orgId: string,
  known?: Placement,
): Promise<OrgWriterStub> {
  if (env.DO_JURISDICTIONS === 'off') return orgWriterStub(env, orgId)
  const placement = known ?? (await placementOf(env, orgId))
  return orgWriterStub(env, orgId, placement?.jurisdiction ?? null)
}

/** Awaits an RPC result: the value, or the ScimError the writer reported. */
export async function unwrap<T>(result: RpcResult<T> | Promise<RpcResult<T>>): Promise<T> {
  const r = await result
  if (r.ok) return r.value
  throw ScimError.fromData(r.error)
}

/**
 * OrgWriter.writeMany through the stub. The runtime clones its array of results fine, but the
 * stub's generated type gives up on an array of result unions (`never`), so the type is restated
 * here from the method itself.
 */
export function writeMany(
  stub: OrgWriterStub,
  ...args: Parameters<OrgWriter['writeMany']>
): ReturnType<OrgWriter['writeMany']> {
  const call = stub.writeMany as unknown as OrgWriter['writeMany']
  return call(...args)
}
