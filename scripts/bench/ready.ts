/** What the bench's child processes print when they are ready (stack.ts waits for it). */
export const FLOOR_READY = "inkoop floor-worker klaar";
export const API_READY = "inkoop bench-API klaar";
