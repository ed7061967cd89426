// Generators for the fuzz properties: filters, PATCH bodies, request bodies and headers.
export { filterQuery, fuzzFilter, queryEncoding, type QueryEncoding } from './filter-mutations'
export { patchBodyArb } from './patch'
export type { PatchTargets } from './patch-paths'
export {
  bodyInit,
  DEEP_TEMPLATES,
  createOrgBody,
  describeBody,
  fuzzBody,
  groupBody,
  rotateBody,
  searchBody,
  settingsBody,
  tokenBody,
  userBody,
  type FuzzBody,
} from './bodies'
export {
  describeHeaders,
  headerSet,
  headerTarget,
  type HeaderSet,
  type HeaderTarget,
} from './headers'
export { SEARCH_REQUEST } from './words'
