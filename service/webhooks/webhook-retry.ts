/** A delivery is given up after this many attempts. */
export const MAX_ATTEMPTS = 10;

/** 30 s, 1 min, 2 min … capped at 6 h: about two days of retries before a delivery is given up. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 6 * 3_600_000);
