import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import { patchCallActivity } from './call-activities.js';

// A recording is reported after the call (Mango: events/record/added). It joins the call's
// activity. If the call's final event is not stored yet (the PBX posts in parallel), a durable job
// retries until it is (2, 4, 8… s, for about half an hour); once it is, a call without an
// activity (nobody known to file it under: an answered stranger) has nothing to attach it to.
// Whether the final event is stored is the inbox's to say (activities cannot import it): the
// runtime installs that look-up (src/runtime.ts).
const RecordingJob = z.object({
  channelId: z.string().uuid(),
  callId: z.string().min(1).max(128),
  finalEventId: z.string().min(1).max(300),
  recordingUrl: z.string().min(1).max(2000),
});
type RecordingJob = z.infer<typeof RecordingJob>;

export type RecordingOutcome = 'attached' | 'no_activity' | 'queued';

// Whether a channel's event with this external id has been stored (the inbox's messages).
export type CallLog = (ctx: Ctx, channelId: string, externalId: string) => Promise<boolean>;
let callLogged: CallLog = async () => {
  throw new Error('activities: no call log installed (src/runtime.ts)');
};
export function useCallLog(log: CallLog): void {
  callLogged = log;
}

async function tryAttach(ctx: Ctx, r: RecordingJob): Promise<RecordingOutcome | null> {
  if (await patchCallActivity(ctx, r.callId, { recordingUrl: r.recordingUrl })) return 'attached';
  return (await callLogged(ctx, r.channelId, r.finalEventId)) ? 'no_activity' : null;
}

// The job keeps the name it had in the telephony channel: queued jobs of that name still run.
export const attachRecording = defineJob({
  name: 'telephony.attach-recording',
  payload: RecordingJob,
  maxAttempts: 11,
  async run(ctx, r) {
    if (!(await tryAttach(ctx, r))) throw new Error(`the call ${r.callId} has not ended yet`);
  },
});

export async function acceptRecording(ctx: Ctx, r: RecordingJob): Promise<RecordingOutcome> {
  const done = await tryAttach(ctx, r);
  if (done) return done;
  await enqueue(ctx.tx, attachRecording, r, {
    workspaceId: ctx.workspaceId,
    key: `${r.channelId}:${r.callId}:${r.recordingUrl}`.slice(0, 1000),
    runAt: new Date(Date.now() + 5000),
  });
  return 'queued';
}
