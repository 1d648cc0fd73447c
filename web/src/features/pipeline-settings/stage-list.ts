import type { Stage, StageInput, StageKind } from '@voronka/contract';

// A stage as edited on the page: `id` for a stage that exists, none for a new one; `key` keeps
// React rows and drag handles stable while names change.
export type StageDraft = {
  key: string;
  id?: string;
  name: string;
  probability: number;
  kind: StageKind;
};

export const toDrafts = (stages: Stage[]): StageDraft[] =>
  stages.map((s) => ({
    key: s.id,
    id: s.id,
    name: s.name,
    probability: s.probability,
    kind: s.kind,
  }));

// The list with one stage moved from one place to another (drag or the up/down buttons).
export function moveStage(list: StageDraft[], from: number, to: number): StageDraft[] {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

// A new open stage goes after the last open one (before «won» and «lost»), with its probability.
export function addStage(list: StageDraft[], name: string, key: string): StageDraft[] {
  const lastOpen = list.map((s) => s.kind).lastIndexOf('open');
  const at = lastOpen + 1;
  const probability = lastOpen >= 0 ? list[lastOpen]!.probability : 10;
  return [...list.slice(0, at), { key, name, probability, kind: 'open' }, ...list.slice(at)];
}

// The body of PUT /pipelines/{id}/stages: the order is the position; kept stages carry their id.
export function toPayload(list: StageDraft[]): StageInput[] {
  return list.map((s) => ({
    ...(s.id ? { id: s.id } : {}),
    name: s.name.trim(),
    probability: Math.round(s.probability),
    kind: s.kind,
  }));
}

export const isDirty = (saved: Stage[], list: StageDraft[]) =>
  JSON.stringify(toPayload(toDrafts(saved))) !== JSON.stringify(toPayload(list));

export type DraftProblem = { key: string | null; problem: 'emptyName' | 'probability' | 'noOpen' };

// What the server would refuse, found before sending: a blank name, a probability outside 0–100,
// no open stage left for new deals to land in.
export function draftProblems(list: StageDraft[]): DraftProblem[] {
  const problems: DraftProblem[] = list.flatMap((s) => [
    ...(s.name.trim() ? [] : [{ key: s.key, problem: 'emptyName' as const }]),
    ...(Number.isInteger(Math.round(s.probability)) && s.probability >= 0 && s.probability <= 100
      ? []
      : [{ key: s.key, problem: 'probability' as const }]),
  ]);
  if (!list.some((s) => s.kind === 'open')) problems.push({ key: null, problem: 'noOpen' });
  return problems;
}

// The saved stages this edit would remove or give another kind: the server refuses both while the
// stage holds deals, so the page names them before the user saves.
export function riskyChanges(
  saved: Stage[],
  list: StageDraft[],
): { removed: Stage[]; rekinded: Stage[] } {
  const drafts = new Map(list.flatMap((d) => (d.id ? [[d.id, d] as const] : [])));
  return {
    removed: saved.filter((s) => !drafts.has(s.id)),
    rekinded: saved.filter((s) => drafts.has(s.id) && drafts.get(s.id)!.kind !== s.kind),
  };
}
