import { describe, expect, it } from "vitest";
import { journeyFacts, size } from "./words";

describe("journey words", () => {
  it("reads sizes as file managers show them", () => {
    expect(size(200)).toBe("1 kB");
    expect(size(45_300)).toBe("45 kB");
    expect(size(1_250_000)).toBe("1.3 MB");
    expect(size(2_400_000_000)).toBe("2.40 GB");
  });
  it("says what a journey holds and what consent left out", () => {
    const j = { entries: 1, media: 3, mediaLeftOut: 1, pdfBytes: 52_000, archiveBytes: 9_100_000 } as Parameters<typeof journeyFacts>[0];
    expect(journeyFacts(j)).toBe("1 entry, 3 photos and videos (1 left out by another family's choice). PDF 52 kB, archive 9.1 MB.");
    expect(journeyFacts({ ...j, entries: 0, media: 0, mediaLeftOut: 0 })).toBe("0 entries, 0 photos and videos. PDF 52 kB, archive 9.1 MB.");
  });
});
