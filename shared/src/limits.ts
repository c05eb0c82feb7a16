// Two limits every public lab server keeps, whatever it teaches (docs/07-room-chat.md, "Limits").
// The numbers and the bucket are plumbing; each lab's server.ts shows where it applies them.

/** The largest packet socket.io accepts from a client (maxHttpBufferSize): far above a 2,000-character message. */
export const MAX_PACKET_BYTES = 100_000;
/** Per socket: up to SEND_BURST messages at once, then SEND_RATE a second. No human meets it; a flood does. */
export const SEND_RATE = 20;
export const SEND_BURST = 100;
export const RATE_ERROR = `Slow down: at most ${SEND_RATE} messages a second (${SEND_BURST} at once).`;

/**
 * A token bucket: it holds up to `burst` tokens and refills `rate` a second; each message takes one.
 * A burst spends the stored tokens, then the refill sets the pace. It answers true if one was left.
 */
export function tokenBucket(rate = SEND_RATE, burst = SEND_BURST) {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
