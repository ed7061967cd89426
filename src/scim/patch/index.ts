// Pure: no I/O. The one way into the PATCH engine (RFC 7644 §3.5.2)
export { applyPatch } from './apply'
export { DeltaBuilder, isEmptyDelta } from './members'
export { normalizePatchRequest } from './normalize'
export { parsePatchPath } from './path'
export type { MemberDelta, PatchOperation, PatchOpName, PatchPath, PatchResult } from './types'
