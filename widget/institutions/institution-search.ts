import type { Institution } from '../../schema/api/institution.js';

/**
 * Lower case, Latin accents and punctuation removed: "St.George" → "st george", "Société" → "societe".
 * Letters, digits and marks of every script are kept ("联邦银行" stays as it is); compatibility forms
 * fold too (full-width "ＡＮＺ" → "anz").
 */
export function normalise(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Whether two strings are at most `max` edits apart; gives up as soon as a row exceeds it (fast path). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a[0] !== b[0] && a[1] !== b[1] && a[0] !== b[1]) return false;
  return editDistance(a, b) <= max;
}

interface Entry {
  readonly institution: Institution;
  readonly words: readonly string[];
  /** Name and short name with spaces removed, so "comm bank" and "commbank" both meet "CommBank". */
  readonly compact: readonly string[];
}

/** Typos tolerated for a query word: none when short (too many false matches), then one, then two. */
const allowedEdits = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2);

function tokenScore(token: string, entry: Entry): number {
  let best = 0;
  for (const word of entry.words) {
    if (word === token) return 4;
    if (word.startsWith(token)) best = Math.max(best, 3);
  }
  if (best) return best;
  if (entry.compact.some((c) => c.includes(token))) return 2;
  const edits = allowedEdits(token.length);
  if (!edits) return 0;
  for (const word of entry.words) {
    // Compare with the word's start of about the same length, so a typo in a prefix still matches.
    for (let length = token.length - 1; length <= token.length + 1; length++) {
      if (length > word.length + 1) break;
      if (withinEdits(token, word.slice(0, length), edits)) return 1;
    }
  }
  return 0;
}

/**
 * A search over an institution list, indexed once. `search(query)` keeps the institutions every query
 * word matches — exactly, as a word prefix, inside the joined name, or with a typo or two — best first.
 * An empty query keeps the list's order.
 */
export function institutionIndex(institutions: readonly Institution[]) {
  const entries: Entry[] = institutions.map((institution) => {
    const name = normalise(institution.name);
    const short = normalise(institution.shortName);
    return {
      institution,
      words: [...new Set([...name.split(' '), ...short.split(' ')])].filter(Boolean),
      compact: [name.replace(/ /g, ''), short.replace(/ /g, '')],
    };
  });
  return {
    search(query: string): Institution[] {
      const tokens = normalise(query).split(' ').filter(Boolean);
      if (tokens.length === 0) return entries.map((e) => e.institution);
      const joined = tokens.join('');
      const scored: { institution: Institution; score: number }[] = [];
      for (const entry of entries) {
        let score = entry.compact.some((c) => c.startsWith(joined)) ? 5 : 0;
        let all = true;
        for (const token of tokens) {
          const s = tokenScore(token, entry);
          if (!s) {
            all = false;
            break;
          }
          score += s;
        }
        // "commbank" typed as one word still meets "Commonwealth Bank" through its short name.
        if (all || score >= 5) scored.push({ institution: entry.institution, score });
      }
      return scored.sort((a, b) => b.score - a.score || a.institution.name.localeCompare(b.institution.name)).map((s) => s.institution);
    },
  };
}
