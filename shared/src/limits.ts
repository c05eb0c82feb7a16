// Two limits every public lab server keeps, whatever it teaches (docs/07-room-chat.md, "Limits").
// The numbers and the bucket are plumbing; each lab's server.ts shows where it applies them.

/** The largest packet socket.io accepts from a client (maxHttpBufferSize): far above a 2,000-character message. */
export const MAX_PACKET_BYTES = 100_000;
/** Per socket: up to SEND_BURST messages at once, then SEND_RATE a second. No human meets it; a flood does. */
export const SEND_RATE = 20;
export const SEND_BURST = 100;
export const RATE_ERROR = `Slow down: at most ${SEND_RATE} messages a second (${SEND_BURST} at once).`;

/** Refusals within one second after which a socket is cut off: it is not typing, it is flooding. */
export const FLOOD_CUTOFF = 200;

/**
 * A token bucket: it holds up to `burst` tokens and refills `rate` a second; each message takes one.
 * A burst spends the stored tokens, then the refill sets the pace. It answers true if one was left.
 * `onFlood` runs once a socket has been refused FLOOD_CUTOFF times within a second.
 */
export function tokenBucket({
  rate = SEND_RATE,
  burst = SEND_BURST,
  onFlood,
}: {
  rate?: number;
  burst?: number;
  onFlood?: () => void;
} = {}) {
  let tokens = burst;
  let last = performance.now();
  let refusedSince = last;
  let refused = 0;
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    if (now - refusedSince > 1000) [refusedSince, refused] = [now, 0];
    refused += 1;
    if (refused === FLOOD_CUTOFF) onFlood?.();
    return false;
  };
}
