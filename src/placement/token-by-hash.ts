// Console sessions and portal links are found by their secret's hash alone (the cookie, the link
// carry no org): every shard is asked, and only a live org's row answers.
import type { Bindings } from '../env'
import { runReads } from '../repo/db'
import { selectTokenByHash, type TokenRow } from '../repo/tokens'
import { findOnAnyShard } from './every-shard'

export async function tokenByHash(env: Bindings, hash: string): Promise<TokenRow | undefined> {
  const found = await findOnAnyShard(env, async (db) => {
    const [rows] = await runReads(db, selectTokenByHash(db, hash))
    return rows
  })
  return found?.row
}
