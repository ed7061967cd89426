// Pure: no I/O. A declaration as the SchemaDef the rest of the core works with: validation,
// PATCH paths (Entra's `urn:…:attr`), projection, filters, rendering and /Schemas.
import { attribute } from '../schema/define'
import type { SchemaDef } from '../schema/types'
import type { ExtensionDeclaration } from './types'

export function extensionSchema(declaration: ExtensionDeclaration): SchemaDef {
  return {
    id: declaration.urn,
    name: declaration.name,
    description: `${declaration.name} (declared by the organization)`,
    attributes: declaration.attributes.map((a) =>
      attribute(a.name, a.type, `${a.name} (${a.type}${a.multiValued ? ', multi-valued' : ''}).`, {
        multiValued: a.multiValued,
        caseExact: a.type === 'reference' ? true : a.caseExact,
        required: a.required ?? false,
        ...(a.canonicalValues ? { canonicalValues: [...a.canonicalValues] } : {}),
      }),
    ),
  }
}

/** Strings are what the value index holds (repo/extension-values.ts): filters on them probe it. */
export const isIndexedType = (type: string) => type === 'string' || type === 'reference'
