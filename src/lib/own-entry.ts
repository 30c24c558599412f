/**
 * `record[key]` only where `key` is the record's own. Records parsed from JSON
 * (shards, counts, view versions) or written as literals inherit Object's
 * prototype, so a key a stranger or an author chooses, such as `constructor`,
 * would otherwise find a function.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}
