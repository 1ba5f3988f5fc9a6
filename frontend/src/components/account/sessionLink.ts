const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
// A bare id, or any link whose path has /session/<id> (the scoring screen or the board).
const SESSION_LINK = new RegExp(`^(?:\\S*/session/)?(${UUID})(?:[/?#]\\S*)?$`, "i");

/** The session id in a pasted session link or id, or null when there is none. */
export function sessionIdFrom(text: string): string | null {
  return SESSION_LINK.exec(text.trim())?.[1]?.toLowerCase() ?? null;
}
