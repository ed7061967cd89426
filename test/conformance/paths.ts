// Pure: reads values out of JSON by a small path language, for captures and `${var}` references.
//   path    = segment *( "." name / "[" index "]" / "[" quoted "]" )
//   name    = 1*( any char but "." and "[" )      e.g. Resources, meta, version
//   quoted  = DQUOTE *char DQUOTE                  e.g. ["urn:…:enterprise:2.0:User"]
// Keys are matched exactly first, then case-insensitively (RFC 7643 §2.1), so a capture does not
// depend on the casing the server chose.

export type PathSegment = string | number

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = []
  let i = 0
  const readName = () => {
    const start = i
    while (i < path.length && path[i] !== '.' && path[i] !== '[') i++
    if (i === start) throw new Error(`empty name in path ${JSON.stringify(path)}`)
    segments.push(path.slice(start, i))
  }
  if (path[0] !== '[') readName()
  while (i < path.length) {
    if (path[i] === '.') {
      i++
      readName()
    } else if (path[i] === '[') {
      const close = path[i + 1] === '"' ? path.indexOf('"]', i + 2) : path.indexOf(']', i)
      if (close < 0) throw new Error(`unclosed [ in path ${JSON.stringify(path)}`)
      if (path[i + 1] === '"') {
        segments.push(path.slice(i + 2, close))
        i = close + 2
      } else {
        const index = Number(path.slice(i + 1, close))
        if (!Number.isInteger(index)) throw new Error(`bad index in path ${JSON.stringify(path)}`)
        segments.push(index)
        i = close + 1
      }
    } else {
      throw new Error(`unexpected ${JSON.stringify(path[i])} in path ${JSON.stringify(path)}`)
    }
  }
  return segments
}

export function getPath(value: unknown, path: string): unknown {
  let current = value
  for (const segment of parsePath(path)) {
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined
    } else if (segment === 'length' && (Array.isArray(current) || typeof current === 'string')) {
      current = current.length
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      const record = current as Record<string, unknown>
      if (segment in record) current = record[segment]
      else {
        const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase())
        current = key === undefined ? undefined : record[key]
      }
    } else {
      return undefined
    }
  }
  return current
}
