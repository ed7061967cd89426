// The authorization server: its metadata document and its token endpoint. Errors under /oauth/
// are RFC 6749 §5.2 JSON (http/errors.ts).
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { AUTHORIZATION_SERVER_METADATA_PATH, TOKEN_PATH } from '../base-url'
import { methodNotAllowedHandler } from '../errors'
import { authorizationServerMetadata } from './metadata'
import { issueToken } from './token'

export const oauthRoutes = new Hono<AppEnv>()
  .get(AUTHORIZATION_SERVER_METADATA_PATH, (c) => c.json(authorizationServerMetadata(c)))
  .all(AUTHORIZATION_SERVER_METADATA_PATH, methodNotAllowedHandler(['GET']))
  .post(TOKEN_PATH, issueToken)
  .all(TOKEN_PATH, methodNotAllowedHandler(['POST']))
