/**
 * SQL LIKE as the MLflow server's SQLite store evaluates it: `%` matches any run of characters,
 * `_` exactly one character (a code point), everything else itself; there is no escape
 * character. LIKE is case-sensitive (MLflow turns on `case_sensitive_like`); ILIKE becomes
 * `lower(x) LIKE lower(pattern)`, and SQLite's lower() folds only A-Z.
 */
export function likeMatcher(pattern: string, caseInsensitive: boolean): (text: string) => boolean {
  const fold = caseInsensitive ? lowerAscii : (text: string) => text;
  const folded = fold(pattern);
  const simple = simpleMatcher(folded);
  if (simple) return (text) => simple(fold(text));
  const pieces = Array.from(folded);
  return (text) => wildcardMatch(Array.from(fold(text)), pieces);
}

function lowerAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

/** Fast paths for the common shapes: `abc`, `abc%`, `%abc`, `%abc%`. */
function simpleMatcher(pattern: string): ((text: string) => boolean) | undefined {
  const starts = pattern.startsWith('%');
  const ends = pattern.length > 1 && pattern.endsWith('%');
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (/[%_]/.test(core)) return undefined;
  if (pattern === '%') return () => true;
  if (starts && ends) return (text) => text.includes(core);
  if (starts) return (text) => text.endsWith(core);
  if (ends) return (text) => text.startsWith(core);
  return (text) => text === core;
}

/**
 * Wildcard matching with one remembered `%`: linear in practice and O(text x pattern) at worst,
 * so a hostile pattern cannot make a search hang the way a backtracking RegExp could.
 */
function wildcardMatch(text: readonly string[], pattern: readonly string[]): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const piece = pattern[p];
    if (piece === '%') {
      star = p;
      resume = t;
      p += 1;
    } else if (piece !== undefined && (piece === '_' || piece === text[t])) {
      t += 1;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '%') p += 1;
  return p === pattern.length;
}
