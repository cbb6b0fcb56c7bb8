/**
 * UTF-8 length of a string without encoding it (no allocation): 1 byte below U+0080, 2 below
 * U+0800, 4 per surrogate pair (2 per half, so a lone surrogate counts 2 where the encoder writes
 * the 3-byte replacement character), else 3.
 */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
