import { describe, expect, test } from "vitest";
import { answerWords, audienceWords, BLANK_POST, eventDay, eventWhen, missingFromPost, newPostBody, placesWords, repliesWords, type PostForm } from "./words";

const event = { date: "2026-03-06", startsAt: "10:00", endsAt: "11:30", capacity: 12, placesLeft: 3, replyBy: "2026-03-04", repliesOpen: true };

describe("an event as families read it", () => {
  test("its day is the calendar day given, with the weekday", () => {
    expect(eventDay("2026-03-06")).toBe("Friday 6 March 2026");
    expect(eventWhen(event)).toBe("Friday 6 March 2026, 10:00 to 11:30");
    expect(eventWhen({ ...event, endsAt: null })).toBe("Friday 6 March 2026, 10:00");
    expect(eventDay("not a day")).toBe("not a day");
  });

  test("its places and its replies", () => {
    expect(placesWords(event)).toBe("3 of 12 places left");
    expect(placesWords({ capacity: 12, placesLeft: 0 })).toBe("Full: no places left");
    expect(placesWords({ capacity: null, placesLeft: null })).toBe("No limit");
    expect(repliesWords(event)).toBe("Reply by Wednesday 4 March 2026");
    expect(repliesWords({ ...event, replyBy: null })).toBe("Reply by Friday 6 March 2026");
    expect(repliesWords({ ...event, repliesOpen: false })).toBe("Replies have closed");
  });

  test("an answer, or none yet", () => {
    expect(answerWords("yes")).toBe("Yes");
    expect(answerWords("maybe")).toBe("Maybe");
    expect(answerWords(null)).toBe("Not replied");
  });
});

describe("who a post is for", () => {
  const names = new Map([["r1", "Acorns (babies)"], ["r2", "Oaks (preschool)"]]);
  test("staff read the rooms' names; families the whole nursery or their child's room", () => {
    expect(audienceWords({ scope: "setting" }, (id) => names.get(id))).toBe("Whole nursery");
    expect(audienceWords({ scope: "rooms", rooms: ["r1", "r2"] }, (id) => names.get(id))).toBe("Acorns (babies), Oaks (preschool)");
    expect(audienceWords({ scope: "rooms", rooms: ["gone"] }, (id) => names.get(id))).toBe("a room no longer in use");
    expect(audienceWords({ scope: "rooms", rooms: ["r1"] })).toBe("Your child's room");
    expect(audienceWords({ scope: "setting" })).toBe("Whole nursery");
  });
});

describe("the compose form as the API's NewPost", () => {
  const form = (patch: Partial<PostForm>): PostForm => ({ ...BLANK_POST, text: "  Sports day!  ", ...patch });

  test("a plain post to the whole nursery sends no rooms and no event", () => {
    expect(newPostBody(form({ rooms: ["r1"] }), [])).toEqual({ text: "Sports day!", rooms: [], mediaIds: [], pinned: false });
  });

  test("a room post names its rooms, and its photos", () => {
    expect(newPostBody(form({ scope: "rooms", rooms: ["r2"], pinned: true }), ["m1"])).toEqual({ text: "Sports day!", rooms: ["r2"], mediaIds: ["m1"], pinned: true });
  });

  test("an event leaves out what was not filled in", () => {
    const body = newPostBody(form({ isEvent: true, title: " Picnic ", date: "2026-03-06", startsAt: "10:00", place: " Garden ", capacity: "12" }), []);
    expect(body.event).toEqual({ title: "Picnic", date: "2026-03-06", startsAt: "10:00", place: "Garden", capacity: 12 });
    const full = newPostBody(
      form({ isEvent: true, title: "Picnic", date: "2026-03-06", startsAt: "10:00", endsAt: "11:30", place: "Garden", bring: "A teddy", replyBy: "2026-03-04" }),
      [],
    );
    expect(full.event).toEqual({ title: "Picnic", date: "2026-03-06", startsAt: "10:00", endsAt: "11:30", place: "Garden", bring: "A teddy", replyBy: "2026-03-04" });
  });

  test("what the API would refuse is said before sending", () => {
    expect(missingFromPost(form({}), 0)).toBeNull();
    expect(missingFromPost(form({ scope: "rooms" }), 0)).toMatch(/at least one room/);
    expect(missingFromPost(form({}), 1)).toMatch(/children the photos show/);
    expect(missingFromPost(form({ children: ["c1"] }), 1)).toBeNull();
    expect(missingFromPost(form({ isEvent: true, capacity: "0" }), 0)).toMatch(/whole number/);
    expect(missingFromPost(form({ isEvent: true, capacity: "2.5" }), 0)).toMatch(/whole number/);
    expect(missingFromPost(form({ isEvent: true, capacity: "" }), 0)).toBeNull();
  });
});
