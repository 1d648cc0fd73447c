import { z } from 'zod';

// What every entry of the endpoint map is (endpoints.ts), shared by the files it is split into.
export type Endpoint = { query?: z.ZodType; body?: z.ZodType; response: z.ZodType };
export const NoContent = z.undefined();
