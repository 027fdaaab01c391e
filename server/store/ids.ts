/**
 * Row ids. UUIDv7 (RFC 9562) starts with the time, so rows written together sit together in
 * every index that leads with their id: a group commit of 32 messages dirties a page or two of
 * the id index instead of 32 random ones, and SQLite writes that much less to its WAL before
 * each fsync. Still a UUID, so nothing that reads ids changes.
 */
import { v7 } from 'uuid';

export const newId = (): string => v7();
