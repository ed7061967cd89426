// Admin API input: JSON bodies and query strings validated by zod; failures become a 400
// naming each bad field (never zod's own dump, never a 500).
import type { Context } from 'hono'
import type { z } from 'zod'
import { badRequest } from '../scim/errors'
import { readJsonBody } from './body'

export async function readAdminBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  const body = c.req.header('Content-Length') === '0' ? {} : await readJsonBody(c)
  return validate(schema, body, 'request body')
}

export function readAdminQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return validate(schema, c.req.query(), 'query')
}

function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`)
  throw badRequest(`Invalid ${what}. ${problems.join('; ')}`)
}
