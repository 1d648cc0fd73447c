import { z } from 'zod';
import { Id } from './common.js';

// A call recording kept at the PBX (Mango): the link a call's timeline activity carries
// (data.recordingUrl) answers 302 with a fresh, short-lived link to the PBX's file.
export const RecordingQuery = z.strictObject({
  channelId: Id,
  recordingId: z.string().min(1).max(128),
  token: z.string().regex(/^[0-9a-f]{32}$/, '32 hex digits'),
});
export type RecordingQuery = z.infer<typeof RecordingQuery>;
