/**
 * Row ids. UUIDv7 (RFC 9562) starts with the time, so rows written together sit together in
 * every index that leads with their id: a group commit of 32 messages dirties a page or two of
 * the id index instead of 32 random ones, and SQLite writes that much less to its WAL before
 * each fsync. Still a UUID, so nothing that reads ids changes.
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * The random bytes come from a pool filled 256 ids at a time: the uuid package asks
 * crypto.getRandomValues for 16 bytes per id, and that call cost about 4% of the SQLite
 * thread's time at 2,000 messages/s (every message and conversation gets an id).
 */
const ID_BYTES = 16;
const pool = new Uint8Array(256 * ID_BYTES);
let used = pool.length;

function randomBytes(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += ID_BYTES;
  return pool.subarray(used - ID_BYTES, used);
}

/**
 * Given its own random bytes the uuid package no longer keeps ids made in the same millisecond
 * in order, so that state is kept here, as the package keeps it: a random 31-bit counter
 * each new millisecond, plus one per id within it (overflow borrows the next millisecond).
 */
let msecs = -Infinity;
let seq = 0;

export function newId(): string {
  const random = randomBytes();
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}
