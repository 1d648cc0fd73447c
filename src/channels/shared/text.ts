// Messengers cap a message's length (Telegram, VK and WhatsApp at 4096 characters): a longer
// reply goes out in parts.
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    // Break at the last line break or space inside the limit, if there is one.
    const cut = Math.max(rest.lastIndexOf('\n', limit), rest.lastIndexOf(' ', limit));
    let at = cut > limit / 2 ? cut : limit;
    // Never between the two halves of a surrogate pair (an emoji).
    if (/[\uD800-\uDBFF]/.test(rest[at - 1] ?? '')) at -= 1;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
