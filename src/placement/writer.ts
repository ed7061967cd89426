// The writer of an org, in the org's jurisdiction (do/client.ts orgWriterStub). Without
// jurisdictions (DO_JURISDICTIONS=off) no lookup is needed; with them, the placement says which.
import { orgWriterStub, type OrgWriterStub } from '../do/client'
import type { Bindings } from '../env'
import { placementOf, type Placement } from './lookup'

export async function writerOf(
  env: Bindings,
  orgId: string,
  known?: Placement,
): Promise<OrgWriterStub> {
  if (env.DO_JURISDICTIONS === 'off') return orgWriterStub(env, orgId)
  const placement = known ?? (await placementOf(env, orgId))
  return orgWriterStub(env, orgId, placement?.jurisdiction ?? null)
}
