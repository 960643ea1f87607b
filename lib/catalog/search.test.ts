import { describe, expect, it } from "vitest";
import { toPrefixQuery } from "./search";

// Only quoted plain terms with a prefix marker, joined by AND: nothing else may reach to_tsquery.
const SAFE_QUERY = /^'[\p{L}\p{N}_]+':\*( & '[\p{L}\p{N}_]+':\*)*$/u;

describe("toPrefixQuery", () => {
  it("turns words into AND-ed prefix terms", () => {
    expect(toPrefixQuery("pay serv")).toBe("'pay':* & 'serv':*");
  });

  it("lower-cases and splits on punctuation", () => {
    expect(toPrefixQuery("Payment-Gateway")).toBe("'payment':* & 'gateway':*");
  });

  it("drops tsquery operators from user input", () => {
    const q = toPrefixQuery("a & !b | c:*");
    expect(q).toBe("'a':* & 'b':* & 'c':*");
    expect(q).not.toMatch(/[!|]/);
  });

  it.each([
    "it's",
    "x' | 'y",
    "foo:* <-> bar",
    "(a | b) & !c",
    "back\\slash 'quote' \"dq\"",
    "a:A & b:B",
    "<2> followed",
  ])("never emits operators or quotes from %j", (input) => {
    const q = toPrefixQuery(input);
    expect(q).not.toBeNull();
    expect(q).toMatch(SAFE_QUERY);
  });

  it("keeps unicode letters and digits", () => {
    expect(toPrefixQuery("Zürich v2")).toBe("'zürich':* & 'v2':*");
  });

  it("returns null when nothing searchable is left", () => {
    expect(toPrefixQuery("")).toBeNull();
    expect(toPrefixQuery("   ")).toBeNull();
    expect(toPrefixQuery("&|!():*'")).toBeNull();
  });

  it("caps the number of terms", () => {
    const q = toPrefixQuery("a b c d e f g h i j k l");
    expect(q?.split(" & ")).toHaveLength(8);
  });
});
