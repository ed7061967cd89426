// Admin API input: JSON bodies and query strings validated by zod; failures become a 400
// naming each bad field (never zod's own dump, never a 500).
import type { Context } from 'hono'
import type { z } from 'zod'
import { checked } from '../model/validate'
import { readJsonBody } from './body'

export async function readAdminBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  const body = c.req.header('Content-Length') === '0' ? {} : await readJsonBody(c)
  return checked(schema, body, 'request body')
}

export function readAdminQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return checked(schema, c.req.query(), 'query')
}
