// Plain-text output: aligned tables, key/value blocks, and the cell formatting they share.

/** A cell as text: '-' for nothing, lists joined with commas, objects as compact JSON. */
export function cell(value) {
  if (value === undefined || value === null || value === '') return '-'
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(cell).join(',')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Cuts long text to `width` characters with an ellipsis. */
export const truncate = (text, width) =>
  text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`

/**
 * Formats rows as an aligned table. `columns` is [[header, row => value], …]; the last column is
 * not padded, so lines carry no trailing spaces.
 */
export function formatTable(columns, rows) {
  const lines = [
    columns.map(([header]) => header),
    ...rows.map((row) => columns.map(([, get]) => cell(get(row)))),
  ]
  const widths = columns.map((_, i) => Math.max(...lines.map((line) => line[i].length)))
  return lines
    .map((line) =>
      line
        .map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** Formats [[label, value], …] as `label  value` lines with the labels aligned. */
export function formatFields(pairs) {
  const width = Math.max(...pairs.map(([label]) => label.length))
  return pairs
    .map(([label, value]) => `${`${label}:`.padEnd(width + 1)}  ${cell(value)}`)
    .join('\n')
}

export function printTable(columns, rows, { empty = '(none)' } = {}) {
  if (rows.length === 0) console.log(empty)
  else console.log(formatTable(columns, rows))
}

export function printFields(pairs) {
  console.log(formatFields(pairs))
}

/** Raw JSON as the server sent it, indented. */
export function printJson(value) {
  console.log(JSON.stringify(value, null, 2))
}
