// The idle timer of a person's session on a tablet: the session ends once nobody has touched
// the screen or a key for the mode's idle minutes. Pure (the clock and the timers are handed
// in), for the tests; the screen feeds it pointer and keyboard activity.

/** Milliseconds left before a session last used at `lastActivity` is idle at `now` (0: idle now). */
export function msUntilIdle(lastActivity: number, now: number, idleMs: number): number {
  return Math.max(0, lastActivity + idleMs - now);
}

/** The API's idle minutes as milliseconds: a missing or silly value falls back to 2 minutes, at most an hour. */
export function idleMsOf(idleMinutes: number): number {
  const minutes = Number.isFinite(idleMinutes) && idleMinutes > 0 ? Math.min(idleMinutes, 60) : 2;
  return minutes * 60_000;
}

/** The clock and timers the idle timer uses (the browser's, or a fake in the tests). */
export interface Scheduler {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export interface IdleTimer {
  /** Someone used the screen now. */
  touch: () => void;
  /** The session ended another way: never call `onIdle`. */
  stop: () => void;
}

/**
 * Calls `onIdle` once, `idleMs` after the last `touch` (or the start). Activity only records the
 * time: the one timer, when it fires, checks how long it has really been and waits out the rest,
 * so a stream of pointer moves costs nothing and a tablet that slept past the limit ends at once.
 */
export function startIdleTimer(idleMs: number, onIdle: () => void, scheduler: Scheduler = browserScheduler): IdleTimer {
  let last = scheduler.now();
  let stopped = false;
  let handle: unknown = null;
  const check = () => {
    handle = null;
    if (stopped) return;
    const left = msUntilIdle(last, scheduler.now(), idleMs);
    if (left > 0) {
      handle = scheduler.setTimeout(check, left);
      return;
    }
    stopped = true;
    onIdle();
  };
  handle = scheduler.setTimeout(check, idleMs);
  return {
    touch: () => {
      if (!stopped) last = scheduler.now();
    },
    stop: () => {
      stopped = true;
      if (handle !== null) scheduler.clearTimeout(handle);
      handle = null;
    },
  };
}
