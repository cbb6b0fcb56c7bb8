/**
 * What a file really is, from its first bytes ("magic numbers"), never from the name or the
 * content type the uploader claims. The server stores and serves an attachment with the type found
 * here, so a page saved as `photo.png` is served as `text/plain`, and a file of no known kind is
 * refused.
 *
 * | type | how it starts |
 * |---|---|
 * | image/png | `89 50 4E 47 0D 0A 1A 0A`; size from IHDR |
 * | image/jpeg | `FF D8 FF`; size from the first SOFn segment within the bytes read |
 * | image/gif | `GIF87a` or `GIF89a`; size from the logical screen |
 * | image/webp | `RIFF` ? ? ? ? `WEBP`; size from the `VP8 `, `VP8L` or `VP8X` chunk |
 * | application/pdf | `%PDF-` |
 * | docx / xlsx | a ZIP (`PK 03 04`) holding `[Content_Types].xml` and `word/document.xml` / `xl/workbook.xml` |
 * | application/zip | any other ZIP |
 * | text/plain | no magic number, and the bytes are UTF-8 (a BOM allowed) without control characters other than tab, line feed, carriage return and form feed |
 *
 * HTML, SVG and XML files are text: they are served as `text/plain`, never rendered. Sizes are
 * read only for images and only when the header lies within the bytes given (`SNIFF_BYTES`).
 */

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Types shown inline as images (previews); everything else is a file to download. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** Every type the server recognises; a channel allows a subset of them. */
export const ATTACHMENT_TYPES = [
  ...IMAGE_TYPES,
  "application/pdf",
  "text/plain",
  DOCX,
  XLSX,
  "application/zip",
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** How many leading bytes `sniff` needs at most (a JPEG's size may sit behind a large EXIF block). */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed = { type: AttachmentType; kind: "image" | "file"; width?: number; height?: number };

/**
 * The type of a file from its first bytes; `complete` says `head` is the whole file (so a text
 * file's end is not a cut character). Null for an empty file or one of no known type.
 */
export function sniff(head: Uint8Array, complete: boolean): Sniffed | null {
  if (head.length === 0) return null;
  const image = sniffImage(head);
  if (image) return { ...image, kind: "image" };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return file("application/pdf");
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return file(zipKind(head));
  if (isText(head, complete)) return file("text/plain");
  return null;
}

const file = (type: AttachmentType): Sniffed => ({ type, kind: "file" });

function sniffImage(b: Uint8Array): Omit<Sniffed, "kind"> | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return sized(
      "image/png",
      b.length >= 24 && ascii(b, 12, 4) === "IHDR" ? [be32(b, 16), be32(b, 20)] : null,
    );
  if (startsWith(b, [0xff, 0xd8, 0xff])) return sized("image/jpeg", jpegSize(b));
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")
    return sized("image/gif", b.length >= 10 ? [le16(b, 6), le16(b, 8)] : null);
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return sized("image/webp", webpSize(b));
  return null;
}

function sized(type: AttachmentType, size: [number, number] | null): Omit<Sniffed, "kind"> {
  return size && size[0] > 0 && size[1] > 0 ? { type, width: size[0], height: size[1] } : { type };
}

/** Walks the JPEG segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegSize(b: Uint8Array): [number, number] | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return [be16(b, at + 7), be16(b, at + 5)];
    if (marker === 0xd9 || marker === 0xda) return null;
    at += 2 + be16(b, at + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 " && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)
    return [le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff];
  if (chunk === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === "VP8X" && b.length >= 30) return [le24(b, 24) + 1, le24(b, 27) + 1];
  return null;
}

/** An Office Open XML document or workbook, else a plain ZIP (entry names are stored uncompressed). */
function zipKind(b: Uint8Array): AttachmentType {
  const names = ascii(b, 0, b.length);
  if (!names.includes("[Content_Types].xml")) return "application/zip";
  if (names.includes("word/")) return DOCX;
  if (names.includes("xl/")) return XLSX;
  return "application/zip";
}

/** UTF-8 without control characters other than \t \n \f \r (a character cut at the end of a partial head is fine). */
function isText(b: Uint8Array, complete: boolean): boolean {
  let end = b.length;
  if (!complete) {
    // drop a multi-byte character the head cut in two
    let lead = end - 1;
    while (lead > 0 && end - lead < 4 && (b[lead]! & 0xc0) === 0x80) lead--;
    const need = b[lead]! >= 0xf0 ? 4 : b[lead]! >= 0xe0 ? 3 : b[lead]! >= 0xc0 ? 2 : 1;
    if (end - lead < need) end = lead;
  }
  for (let i = 0; i < end; i++) {
    const byte = b[i]!;
    // ASCII controls other than \t \n \f \r (bytes below 0x80 are always whole ASCII characters in UTF-8)
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f)
      return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => b[i] === byte);
}

function ascii(b: Uint8Array, at: number, length: number): string {
  let s = "";
  for (let i = at; i < Math.min(at + length, b.length); i++) s += String.fromCharCode(b[i]!);
  return s;
}

const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
