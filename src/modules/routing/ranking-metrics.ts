// Ranking quality of a score against binary labels.
export type Scored = { score: number; label: 0 | 1 };

// ROC AUC as the Mann–Whitney statistic: the chance that a random positive outranks a random
// negative, ties counting half.
export function rocAuc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const positives = items.filter((i) => i.label === 1).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 … j share their mean
    for (let k = i; k < j; k++) if (sorted[k]!.label === 1) rankSum += averageRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

// Share of positives among the top `fraction` by score. Ties at the cut count by their mean
// positive share, so the figure does not depend on the input order.
export function precisionAtTop(items: readonly Scored[], fraction: number): number {
  const k = Math.max(1, Math.ceil(items.length * fraction));
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const cutScore = sorted[k - 1]!.score;
  const above = sorted.filter((i) => i.score > cutScore);
  const tied = sorted.filter((i) => i.score === cutScore);
  const tiedTaken = k - above.length;
  const positivesAbove = above.filter((i) => i.label === 1).length;
  const tiedShare = tied.filter((i) => i.label === 1).length / tied.length;
  return (positivesAbove + tiedTaken * tiedShare) / k;
}
