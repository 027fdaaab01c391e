/**
 * Optimal string alignment distance: an edit or a swap of neighbours costs 1, a letter swapped
 * for an alike one (a pair in `alike`: Persian letters that sound alike or differ by their
 * dots, «قبز» for «قبض») 0.4, since the visitor had the word's sound right. Shared by the typo
 * matcher and the check for a misspelt filler word (`rank.ts`), which runs before the matcher's
 * chunk arrives: hence a module of its own.
 */
export function distance(a: string, b: string, alike = ''): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1] as string;
      const y = b[j - 1] as string;
      const cost = x === y ? 0 : alike.includes(x + y) ? 0.4 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}
