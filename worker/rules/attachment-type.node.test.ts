import { describe, expect, it } from "vitest";
import { DOCX, type Sniffed, sniff, XLSX } from "./attachment-type";

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), "IHDR", be32(640), be32(480));
const JPEG = bytes(
  [0xff, 0xd8],
  [0xff, 0xe0],
  be16(16),
  "JFIF\0",
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0xff, 0xc0],
  be16(17),
  [8],
  be16(300),
  be16(200),
  [3, 1, 0x22, 0],
);
const GIF = bytes("GIF89a", le16(32), le16(16), [0xf7, 0, 0]);
const riff = (chunk: string, body: number[]) =>
  bytes("RIFF", [0, 0, 0, 0], "WEBP", chunk, [0, 0, 0, 0], body);
const WEBP_LOSSY = riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(120), ...le16(90)]);
const vp8l = (w: number, h: number) => {
  const bits = (w - 1) | ((h - 1) << 14);
  return riff("VP8L", [0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255]);
};
const WEBP_EXTENDED = riff("VP8X", [0, 0, 0, 0, ...le24(1023), ...le24(767)]);
const zip = (...names: string[]) =>
  bytes(
    ...names.flatMap((n) => [
      [0x50, 0x4b, 0x03, 0x04],
      [20, 0, 0, 0, 8, 0],
      new Array(16).fill(0),
      le16(n.length),
      [0, 0],
      n,
      [1, 2, 3],
    ]),
  );

describe("sniff: the type from the first bytes", () => {
  const cases: [string, Uint8Array, boolean, Sniffed | null][] = [
    ["png with its IHDR size", PNG, false, { type: "image/png", kind: "image", width: 640, height: 480 }],
    ["png cut before IHDR: no size", PNG.subarray(0, 12), true, { type: "image/png", kind: "image" }],
    [
      "jpeg: size from SOF0 after APP0",
      JPEG,
      false,
      { type: "image/jpeg", kind: "image", width: 200, height: 300 },
    ],
    ["jpeg without a SOF in the head", JPEG.subarray(0, 22), false, { type: "image/jpeg", kind: "image" }],
    ["gif89a", GIF, true, { type: "image/gif", kind: "image", width: 32, height: 16 }],
    [
      "gif87a",
      bytes("GIF87a", le16(1), le16(1)),
      true,
      { type: "image/gif", kind: "image", width: 1, height: 1 },
    ],
    ["webp lossy (VP8)", WEBP_LOSSY, true, { type: "image/webp", kind: "image", width: 120, height: 90 }],
    [
      "webp lossless (VP8L)",
      vp8l(16384, 1),
      true,
      { type: "image/webp", kind: "image", width: 16384, height: 1 },
    ],
    [
      "webp extended (VP8X)",
      WEBP_EXTENDED,
      true,
      { type: "image/webp", kind: "image", width: 1024, height: 768 },
    ],
    ["pdf", utf8("%PDF-1.7\n%\u00e2\u00e3\n"), false, { type: "application/pdf", kind: "file" }],
    [
      "docx",
      zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
      false,
      { type: DOCX, kind: "file" },
    ],
    ["xlsx", zip("[Content_Types].xml", "xl/workbook.xml"), false, { type: XLSX, kind: "file" }],
    ["a plain zip", zip("readme.txt"), false, { type: "application/zip", kind: "file" }],
    [
      "a zip with content types but neither word/ nor xl/",
      zip("[Content_Types].xml", "ppt/x.xml"),
      false,
      { type: "application/zip", kind: "file" },
    ],
    [
      "utf-8 text with emoji, tabs and CRLF",
      utf8("Hi 👩🏽‍💻\tthere\r\n"),
      true,
      { type: "text/plain", kind: "file" },
    ],
    ["text with a BOM", bytes([0xef, 0xbb, 0xbf], "hello"), true, { type: "text/plain", kind: "file" }],
    [
      "html is text, never a page",
      utf8("<html><script>alert(1)</script></html>"),
      true,
      { type: "text/plain", kind: "file" },
    ],
    [
      "svg is text, never an image",
      utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      true,
      { type: "text/plain", kind: "file" },
    ],
    [
      "a head that cuts a 4-byte character is still text",
      utf8("ok 😀").subarray(0, 5),
      false,
      { type: "text/plain", kind: "file" },
    ],
    ["the same cut in a complete file is not UTF-8", utf8("ok 😀").subarray(0, 5), true, null],
    ["a NUL byte: binary", bytes("abc\0def"), true, null],
    ["an escape character: binary", bytes("abc\x1b[31m"), true, null],
    ["UTF-16 text (NULs): refused", bytes([0xff, 0xfe], "h\0i\0"), true, null],
    ["Latin-1 bytes are not UTF-8", bytes("caf", [0xe9]), true, null],
    ["an executable", bytes("MZ", [0x90, 0, 3, 0]), true, null],
    ["empty", new Uint8Array(0), true, null],
    ["RIFF that is not WEBP (wav)", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "), true, null],
  ];
  it.each(cases)("%s", (_name, head, complete, expected) => {
    expect(sniff(head, complete)).toEqual(expected);
  });

  it("ignores a size of zero (a broken header)", () => {
    const flat = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      be32(13),
      "IHDR",
      be32(0),
      be32(480),
    );
    expect(sniff(flat, false)).toEqual({ type: "image/png", kind: "image" });
  });
});
