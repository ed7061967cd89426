// How SCIM tokens and org admin keys are shown: a table row per key, a block for one, the secret once.
import { cell, printFields, printJson, printTable } from '../table.mjs'

/** active, retiring (rotated, still in its overlap), expired or revoked. */
export function tokenStatus(token, now = new Date().toISOString()) {
  if (token.revokedAt && token.revokedAt <= now) return 'revoked'
  if (token.expiresAt && token.expiresAt <= now) return 'expired'
  if (token.replacedBy) return 'retiring'
  return 'active'
}

const COLUMNS = [
  ['ID', (t) => t.id],
  ['LABEL', (t) => t.label],
  ['PREFIX', (t) => t.prefix],
  ['STATUS', (t) => tokenStatus(t)],
  ['CREATED', (t) => t.createdAt],
  ['EXPIRES', (t) => t.expiresAt],
  ['LAST USED', (t) => t.lastUsedAt],
]

export function printTokens(tokens, options, raw) {
  if (options.json) return printJson(raw)
  printTable(COLUMNS, tokens, { empty: '(no keys)' })
}

const fields = (t) => [
  ['ID', t.id],
  ['Org', t.orgId],
  ['Kind', t.kind],
  ['Label', t.label],
  ['Prefix', t.prefix],
  ['Status', tokenStatus(t)],
  ['Created', t.createdAt],
  ['Expires', t.expiresAt],
  ['Revoked', t.revokedAt],
  ['Replaced by', t.replacedBy],
]

export function printToken(token, options) {
  if (options.json) return printJson(token)
  printFields(fields(token))
}

/**
 * A freshly minted key ({secret, token, previous?}): its details, then the secret, labelled. The
 * server never shows the secret again; with --json it is in the printed answer.
 */
export function printMinted(answer, options) {
  if (options.json) return printJson(answer)
  printFields(fields(answer.token))
  if (answer.previous) {
    const p = answer.previous
    console.log(`\nPrevious ${p.id} keeps working until ${cell(p.expiresAt)}.`)
  }
  console.log(`\nSecret (shown once): ${answer.secret}`)
  console.log('Store it now: the server keeps only its hash and will not show it again.')
}
