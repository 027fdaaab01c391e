/** The error text of anything thrown, for an agent to read. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
