// The outbox on screen: staff in a setting get one (families never do: nothing of theirs is
// kept on the device); it unlocks when the network is there and sends what waits whenever the
// network comes back.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { useInvalidateSetting } from "../api/queries";
import { useClock, useSession } from "../session";
import { Outbox, type Pending } from "./outbox";

const OutboxContext = createContext<Outbox | null>(null);

/** While items wait, how often to try again besides the browser's `online` event. */
const RETRY_MS = 15_000;

export function OutboxProvider({ settingId, staff, children }: { settingId: string; staff: boolean; children: ReactNode }) {
  const { api, me } = useSession();
  const invalidate = useInvalidateSetting();
  const outbox = useMemo(() => (staff ? new Outbox(api, me.userId, settingId) : null), [api, me.userId, settingId, staff]);

  useEffect(() => {
    if (!outbox) return;
    let stopped = false;
    const attempt = async () => {
      try {
        if (!outbox.unlocked) await outbox.unlock();
        if ((await outbox.send()) > 0 && !stopped) void invalidate(settingId);
      } catch {
        // No key (offline, or off the premises without an attestation): nothing can be kept
        // yet, and saying so is left to the moment something would be (Outbox.add).
      }
    };
    void attempt();
    const timer = setInterval(() => outbox.snapshot().some((p) => p.status === "waiting") && void attempt(), RETRY_MS);
    window.addEventListener("online", attempt);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("online", attempt);
      outbox.lock();
    };
  }, [outbox, invalidate, settingId]);

  return (
    <OutboxContext.Provider value={outbox}>
      {children}
    </OutboxContext.Provider>
  );
}

/** The member of staff's outbox here, or null (families, and pages outside a setting). */
export function useOutbox(): Outbox | null {
  return useContext(OutboxContext);
}

const NONE: Pending[] = [];
const noop = () => () => undefined;

/** What waits on this device, oldest first. */
export function usePending(): Pending[] {
  const outbox = useOutbox();
  return useSyncExternalStore(outbox?.subscribe ?? noop, outbox?.snapshot ?? (() => NONE));
}

/** The list a practitioner checks: what has not reached Nestling yet, and what it refused. */
export function WaitingToSend() {
  const pending = usePending();
  const outbox = useOutbox();
  const { when } = useClock();
  if (!outbox || pending.length === 0) return null;
  const waiting = pending.filter((p) => p.status === "waiting").length;
  return (
    <aside className="outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Waiting to send ({waiting})</h2>
      <p className="hint">Kept on this device, locked to your session, and sent as soon as Nestling can be reached.</p>
      <ul className="bare">
        {pending.map((p) => (
          <li key={p.id} className={p.status === "refused" ? "card problem" : "card"}>
            <strong>{p.work.label}</strong> <span className="hint">made {when(new Date(p.madeAt).toISOString())}</span>
            {p.status === "waiting" ? (
              <span className="tag">Waiting to send</span>
            ) : (
              <>
                <p>
                  <strong>Not accepted:</strong> {p.problem?.title}
                  {p.problem?.detail ? `. ${p.problem.detail}` : ""}
                </p>
                {p.work.kind === "observation" && <p className="wrap">{p.work.body.text}</p>}
                <button type="button" onClick={() => void outbox.discard(p.id)}>
                  Discard {p.work.label}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
