import { v7 } from 'uuid';

// UUIDv7: time-ordered, so new rows append to the primary-key index and ids sort by creation.
export const newId = (): string => v7();
