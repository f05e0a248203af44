/** Only updates whose id the API derived from an Idempotency-Key are remembered past a run. */
export const IDEMPOTENT_PREFIX = "idem:";
