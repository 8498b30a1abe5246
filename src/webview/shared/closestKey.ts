/**
 * "Did you mean": the known key a mistyped one is nearest to. One rule for every filter editor (the
 * sidebar's Filter Runs and the runs table's filter box), so both answer the same.
 */

/**
 * The candidate nearest to `key` by edit distance (a case-only difference counts as nearest of
 * all), if it is near enough to be a slip: at most a third of the key's length, and at least one
 * edit. Ties go to the alphabetically first candidate, so the answer never depends on run order.
 */
export function closestKey(key: string, candidates: Iterable<string>): string | undefined {
  const allowed = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === key) continue;
    const lower = editDistance(key.toLowerCase(), candidate.toLowerCase());
    // Case slips rank before any other edit: `Accuracy` is `accuracy`, not `accurac`.
    const score = lower === 0 ? 0.5 : editDistance(key, candidate);
    if (score > allowed) continue;
    if (score < bestScore || (score === bestScore && best !== undefined && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) between `a` and `b`: the optimal string
 * alignment distance, so the common typing slip `acucracy` → `accuracy` counts as one.
 */
export function editDistance(a: string, b: string): number {
  const [s, t] = [[...a], [...b]];
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, index) => index);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length]!;
}
