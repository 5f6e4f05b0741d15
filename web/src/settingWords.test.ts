import { describe, expect, it } from "vitest";
import { countOf, settingWords } from "./settingWords";

describe("setting words", () => {
  it("says pupils in a school and children in a nursery", () => {
    expect(settingWords("school")).toEqual({ child: "pupil", children: "pupils", Child: "Pupil", Children: "Pupils", setting: "school" });
    expect(settingWords("nursery")).toEqual({ child: "child", children: "children", Child: "Child", Children: "Children", setting: "nursery" });
  });
  it("keeps a nursery's words while the kind is not known", () => {
    expect(settingWords(undefined)).toEqual(settingWords("nursery"));
    expect(settingWords(null).children).toBe("children");
  });
  it("counts in the setting's words", () => {
    expect(countOf(0, settingWords("school"))).toBe("no pupils");
    expect(countOf(1, settingWords("school"))).toBe("1 pupil");
    expect(countOf(28, settingWords("school"))).toBe("28 pupils");
    expect(countOf(2, settingWords("nursery"))).toBe("2 children");
  });
});
