/** How long ago a message was left, for the Messages inbox: "5 min ago" (under an hour), "3 h ago" (under 48 h), "2 d ago". */
export function age(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}
