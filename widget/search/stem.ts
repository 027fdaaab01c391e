/**
 * A deliberately light stemmer: folds plurals and common verb endings so "refunds",
 * "refunded" and "refund" share one index term. Applied to index and query alike, so an
 * imperfect stem costs nothing but a rare false match; anything heavier would not fit the
 * widget's size budget.
 */
export function stem(token: string): string {
  let s = memo.get(token);
  if (s === undefined) {
    if (memo.size > 20000) memo.clear();
    s = stemWord(token);
    memo.set(token, s);
  }
  return s;
}

// A FAQ repeats a few thousand words many times over: stem each once.
const memo = new Map<string, string>();

function stemWord(token: string): string {
  const c = token.charCodeAt(0);
  if (c >= 0x0600 && c <= 0x06ff) {
    // Persian plural: سفارش‌ها → سفارش, کالاهای → کالا.
    const m = /^(.{2,}?)(ها|های|هایی)$/.exec(token);
    return m ? (m[1] as string) : token;
  }
  if (c > 122 || token.length < 4) return token;
  let t = token;
  if (t.endsWith('ies') && t.length > 4) t = t.slice(0, -3) + 'y';
  else if (t.endsWith('s') && !/(ss|us|is)$/.test(t)) t = t.slice(0, -1);
  const before = t;
  if (t.length > 5 && t.endsWith('ing')) t = t.slice(0, -3);
  else if (t.length > 4 && t.endsWith('ed')) t = t.slice(0, -2);
  // shipped → ship, but only after a suffix came off: "bill" stays "bill".
  if (t !== before && /([^aeiouls])\1$/.test(t)) t = t.slice(0, -1);
  if (t.length > 4 && t.endsWith('e')) t = t.slice(0, -1);
  return t;
}
