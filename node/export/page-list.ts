/** A `--pages` list ("1,3-4") as page numbers in order, without repeats; throws with the bad part named. */
export function parsePageList(list: string, known: number[]): number[] {
  const out: number[] = [];
  for (const raw of list.split(',')) {
    const part = raw.trim();
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad page list item '${part}' (use e.g. 1,3-4)`);
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (to < from) throw new Error(`bad page range '${part}'`);
    for (let n = from; n <= to; n++) {
      if (!known.includes(n)) throw new Error(`page ${n} is not in this issue (pages: ${known.join(', ')})`);
      if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}
