// Pure: no I/O. The SCIM filter language (RFC 7644 §3.4.2.2): the one way into src/scim/filter/.
import type { ResourceSchema } from '../schema/types'
import type { FilterNode } from './ast'
import { parseFilter } from './parse'
import { validateFilter } from './validate'

export type { AttrPath, CompareOp, FilterNode, Literal } from './ast'
export { SCHEMAS_ATTRIBUTE, resolveElementPath, resolveFilterPath } from './attributes'
export { compareCodePoints, isPresent, toBoolean } from './compare'
export { parseDateTime } from './datetime'
export { evaluateElementFilter, evaluateFilter } from './evaluate'
export { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_TERMS } from './limits'
export { parseFilter } from './parse'
export { stringifyFilter, stringifyLiteral, stringifyPath } from './stringify'
export { validateElementFilter, validateFilter } from './validate'

/** The `filter` query parameter as the list routes need it: parsed, then validated. */
export function parseAndValidateFilter(text: string, schema: ResourceSchema): FilterNode {
  return validateFilter(parseFilter(text), schema)
}
