// Pure: no I/O. Input checked against its zod schema at the boundary of the admin API and the
// `Directory` service binding: the value, or a 400 naming each bad field (never zod's own dump).
import type { z } from 'zod'
import { badRequest } from '../scim/errors'

export function checked<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`)
  throw badRequest(`Invalid ${what}. ${problems.join('; ')}`)
}
