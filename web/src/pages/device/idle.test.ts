import { describe, expect, it } from "vitest";
import { idleMsOf, msUntilIdle, startIdleTimer, type Scheduler } from "./idle";

/** A clock that moves only when told, and timers that fire as it passes them. */
function fakeScheduler() {
  let now = 1_000_000;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const scheduler: Scheduler = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
    }
    now = until;
  };
  /** The clock moves with no timer firing (the tablet asleep); `advance(0)` then wakes it. */
  const sleep = (ms: number) => void (now += ms);
  return { scheduler, advance, sleep, pending: () => timers.size };
}

const MINUTE = 60_000;

describe("the idle timer", () => {
  it("counts what is left from the last activity", () => {
    expect(msUntilIdle(0, 0, 2 * MINUTE)).toBe(2 * MINUTE);
    expect(msUntilIdle(0, 90_000, 2 * MINUTE)).toBe(30_000);
    expect(msUntilIdle(0, 2 * MINUTE, 2 * MINUTE)).toBe(0);
    expect(msUntilIdle(0, 10 * MINUTE, 2 * MINUTE)).toBe(0);
  });

  it("takes the API's minutes, falling back to 2 and never past an hour", () => {
    expect(idleMsOf(2)).toBe(2 * MINUTE);
    expect(idleMsOf(5)).toBe(5 * MINUTE);
    expect(idleMsOf(0)).toBe(2 * MINUTE);
    expect(idleMsOf(-3)).toBe(2 * MINUTE);
    expect(idleMsOf(Number.NaN)).toBe(2 * MINUTE);
    expect(idleMsOf(600)).toBe(60 * MINUTE);
  });

  it("ends the session once after the idle minutes without activity", () => {
    const { scheduler, advance, pending } = fakeScheduler();
    let ended = 0;
    startIdleTimer(2 * MINUTE, () => ended++, scheduler);
    advance(2 * MINUTE - 1);
    expect(ended).toBe(0);
    advance(1);
    expect(ended).toBe(1);
    advance(10 * MINUTE);
    expect(ended).toBe(1);
    expect(pending()).toBe(0);
  });

  it("waits the full minutes again from each activity", () => {
    const { scheduler, advance } = fakeScheduler();
    let ended = 0;
    const timer = startIdleTimer(3 * MINUTE, () => ended++, scheduler);
    advance(2 * MINUTE);
    timer.touch();
    advance(2 * MINUTE);
    timer.touch();
    advance(3 * MINUTE - 1);
    expect(ended).toBe(0);
    advance(1);
    expect(ended).toBe(1);
  });

  it("keeps one timer however much activity there is", () => {
    const { scheduler, advance, pending } = fakeScheduler();
    const timer = startIdleTimer(2 * MINUTE, () => undefined, scheduler);
    for (let i = 0; i < 100; i++) {
      advance(100);
      timer.touch();
    }
    expect(pending()).toBe(1);
  });

  it("never ends a session that was stopped (Done, or the API ended it)", () => {
    const { scheduler, advance, pending } = fakeScheduler();
    let ended = 0;
    const timer = startIdleTimer(2 * MINUTE, () => ended++, scheduler);
    advance(MINUTE);
    timer.stop();
    advance(10 * MINUTE);
    expect(ended).toBe(0);
    expect(pending()).toBe(0);
  });

  it("ends at once when the timer fires late (a tablet that slept)", () => {
    const { scheduler, advance, sleep } = fakeScheduler();
    let ended = 0;
    const timer = startIdleTimer(2 * MINUTE, () => ended++, scheduler);
    advance(MINUTE);
    timer.touch();
    sleep(30 * MINUTE);
    expect(ended).toBe(0);
    advance(0);
    expect(ended).toBe(1);
  });
});
