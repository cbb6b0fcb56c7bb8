import { describe, expect, it } from "vitest";
import { attachmentFileName, contentDisposition, MAX_FILE_NAME_CHARS } from "./attachment-file-name";

describe("attachmentFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["  holiday   photo.jpg ", "holiday photo.jpg"],
    ["../../etc/passwd", ".._.._etc_passwd"],
    ["C:\\Users\\me\\a.txt", "C:_Users_me_a.txt"],
    ["line\nbreak\t.txt", "linebreak.txt"],
    ["invoice\u202Etxt.exe", "invoicetxt.exe"],
    ["e\u0301te\u0301.png", "été.png"],
    ["👩🏽‍💻 notes.txt", "👩🏽‍💻 notes.txt"],
    ["", "file"],
    ["\u0000\u0001", "file"],
    [null, "file"],
    [undefined, "file"],
  ])("%j → %j", (raw, expected) => {
    expect(attachmentFileName(raw)).toBe(expected);
  });

  it("keeps names of exactly the limit and shortens longer ones, keeping the extension", () => {
    const exact = `${"a".repeat(MAX_FILE_NAME_CHARS - 4)}.pdf`;
    expect(attachmentFileName(exact)).toBe(exact);
    const long = `${"a".repeat(MAX_FILE_NAME_CHARS)}.pdf`;
    const short = attachmentFileName(long);
    expect([...short]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(short.endsWith(".pdf")).toBe(true);
  });

  it("counts characters, so shortening never cuts an emoji in half", () => {
    const name = "😀".repeat(MAX_FILE_NAME_CHARS + 5);
    const short = attachmentFileName(name);
    expect([...short]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(short).toBe("😀".repeat(MAX_FILE_NAME_CHARS));
    expect(short).not.toMatch(/[\uD800-\uDFFF]/u);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("attachment", 'Über "plan" 100%.pdf')).toBe(
      `attachment; filename="_ber _plan_ 100_.pdf"; filename*=UTF-8''%C3%9Cber%20%22plan%22%20100%25.pdf`,
    );
    expect(contentDisposition("inline", "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });
});
