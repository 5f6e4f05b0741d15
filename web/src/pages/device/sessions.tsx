// A person's session on a paired tablet. The start screen offers three modes; the person types
// their number and PIN (set from their own account, "Tablet PIN") or, at the families' kiosk,
// a one-time code their phone shows ("Kiosk code", typed or its QR code scanned), and the
// mode's screen opens: staff at today's register (signing children in, and out to a guardian
// who may collect), a family signing their children in or out at the door, a parent reading
// their children's journal (read only). Their name and "Done" stay on screen; the
// session ends on "Done", after the mode's idle minutes without a touch or a key, a few seconds
// after a kiosk mark, or when the API says it has ended. The session's token is kept in memory
// only, and nothing read in a session stays in the cache for the next person.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useId, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { useController, useForm, useWatch } from "react-hook-form";
import { ApiError, asApiError, idempotencyKey, unwrap, type Api, type Schemas } from "../../api/client";
import { useApiQuery } from "../../api/queries";
import { deviceZone } from "../../session";
import { formatDay, formatTime } from "../../time";
import { Done, Empty, ErrorBox, Field, Loaded, Select, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { JournalEntryCard } from "../../ui/journal";
import { LoadMore } from "../../ui/paging";
import { expectedWords, lineState, presentWords, signedInDone } from "../staff/registerWords";
import { RegisterLineFacts } from "../staff/registerLine";
import { Card } from "../staff/shared";
import { deviceAuthorization, sessionHeaders, type DeviceCredential } from "./credential";
import { idleMsOf, startIdleTimer } from "./idle";
import { formatKioskCode, normaliseKioskCode } from "./passWords";
import { QrScanner, useQrScanner } from "./scanner";
import {
  COLLECTION_PASSWORD_HINT,
  DONE,
  JOURNAL_NONE,
  JOURNAL_ON_TABLET,
  KIOSK_NEXT,
  KIOSK_NONE,
  ME,
  MODES,
  SCAN_QR,
  SCANNED,
  SESSION_ENDED,
  START_HEADING,
  UNLOCK_HINT,
  USE_PASS,
  USE_PIN,
  WHO_COLLECTS,
  collectorLabel,
  idleEnded,
  journalHeading,
  kioskState,
  markedAt,
  markedWords,
  modeHeading,
  modeLabel,
  nobodyMayCollect,
  passHint,
  passProblem,
  sessionRefusal,
  staffSignedOut,
  unlockProblem,
  unlockRefusal,
  usingTablet,
  type DeviceMode,
  type Mark,
  type Refusal,
  type UnlockWay,
} from "./sessionWords";

type DeviceSession = Schemas["DeviceSessionView"];
type DeviceChild = Schemas["DeviceChild"];
type Answer<T> = { data?: T; error?: unknown; response: Response };

/** Minutes the unlock form waits, untouched, before it goes back to the start (with whatever was typed). */
const UNLOCK_IDLE_MINUTES = 2;
/** How long the kiosk shows its confirmation before the session ends by itself. */
const KIOSK_CONFIRM_MS = 5_000;
/** Every read made in a person's session is cached under this, and dropped when it ends. */
const SESSION_KEY = "device-session";
/** What counts as someone using the tablet. */
const ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

type Stage =
  | { kind: "start"; notice: string | null; focus: boolean }
  | { kind: "unlock"; mode: DeviceMode }
  | { kind: "open"; session: DeviceSession; id: string };

/** The start screen, the unlock form and the open session, on a paired device. */
export function Sessions({ api, credential, onUnpaired }: { api: Api; credential: DeviceCredential; onUnpaired: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: "start", notice: null, focus: false });
  // The session on screen now: an answer still on its way for one already ended is not
  // allowed to end the next person's.
  const current = useRef<string | null>(null);
  const client = useQueryClient();
  const toStart = (notice: string | null) => {
    current.current = null;
    // Nothing read for one person stays for the next.
    client.removeQueries({ queryKey: [SESSION_KEY] });
    setStage({ kind: "start", notice, focus: true });
  };
  const open = (session: DeviceSession) => {
    const id = crypto.randomUUID();
    current.current = id;
    setStage({ kind: "open", session, id });
  };
  const end = (session: DeviceSession, notice: string | null) => {
    // Best effort: the API ends it anyway after its idle minutes, or when the next person starts one.
    void api.POST("/v1/device/session/end", { headers: sessionHeaders(credential, session.token) }).catch(() => undefined);
    toStart(notice);
  };
  const refused = (id: string, why: "ended" | "unpaired") => {
    if (why === "unpaired") onUnpaired();
    else if (current.current === id) toStart(SESSION_ENDED);
  };

  switch (stage.kind) {
    case "start":
      return <Start notice={stage.notice} focus={stage.focus} onChoose={(mode) => setStage({ kind: "unlock", mode })} />;
    case "unlock":
      return (
        <Unlock
          api={api}
          credential={credential}
          mode={stage.mode}
          onBack={() => setStage({ kind: "start", notice: null, focus: true })}
          onOpened={open}
          onUnpaired={onUnpaired}
        />
      );
    case "open":
      return (
        <Open
          key={stage.id}
          api={api}
          credential={credential}
          session={stage.session}
          id={stage.id}
          onEnd={(notice) => end(stage.session, notice)}
          onRefused={(why) => refused(stage.id, why)}
        />
      );
  }
}

/** A screen's heading; focus moves to it when the screen replaces another (screen readers hear where they are). */
function ScreenHeading({ id, focus = true, children }: { id: string; focus?: boolean; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} tabIndex={-1} ref={heading}>
      {children}
    </h2>
  );
}

function RefusalBox({ refusal }: { refusal: Refusal }) {
  return (
    <div className="error" role="alert">
      <p>
        <strong>{refusal.title}.</strong>
        {refusal.detail ? ` ${refusal.detail}` : ""}
      </p>
    </div>
  );
}

function Start({ notice, focus, onChoose }: { notice: string | null; focus: boolean; onChoose: (mode: DeviceMode) => void }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <ScreenHeading id={id} focus={focus}>
        {START_HEADING}
      </ScreenHeading>
      <Done message={notice} />
      <ul className="device-modes bare">
        {MODES.map((mode) => (
          <li key={mode}>
            <button type="button" className="primary" onClick={() => onChoose(mode)}>
              {modeLabel(mode)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type UnlockFields = { number: string; pin: string };
type PassFields = { code: string };
type StartBody = Schemas["StartDeviceSession"];

/** What both ways of unlocking share: the one request, its progress and refusal, and the screen's buttons. */
interface Unlocking {
  mode: DeviceMode;
  start: ReturnType<typeof useAction>;
  /** Opens the person's session; undefined when refused (the refusal is in `start.error`). */
  send: (body: StartBody) => Promise<DeviceSession | undefined>;
  onBack: () => void;
  onOpened: (session: DeviceSession) => void;
  /** The person switched to this way: its first field takes the focus. */
  focus: boolean;
}

function Unlock({
  api,
  credential,
  mode,
  onBack,
  onOpened,
  onUnpaired,
}: {
  api: Api;
  credential: DeviceCredential;
  mode: DeviceMode;
  onBack: () => void;
  onOpened: (session: DeviceSession) => void;
  onUnpaired: () => void;
}) {
  const id = useId();
  const start = useAction({ changes: false });
  // Number and PIN; at the families' kiosk, or a code from the person's phone.
  const [way, setWay] = useState<{ way: UnlockWay; switched: boolean }>({ way: "pin", switched: false });
  // Someone who chose a mode and walked away leaves nothing typed for the next person.
  useIdle(UNLOCK_IDLE_MINUTES, onBack);
  const send = (body: StartBody) =>
    start.run(async () => {
      try {
        const opened = await unwrap(api.POST("/v1/device/sessions", { body, headers: { Authorization: deviceAuthorization(credential) } }));
        // The token must be one a header can carry, or every request of the session would fail.
        sessionHeaders(credential, opened.token);
        return opened;
      } catch (e) {
        if (sessionRefusal(asApiError(e)) === "unpaired") onUnpaired();
        throw e;
      }
    });
  const switchTo = (next: UnlockWay) => {
    start.setError(null);
    setWay({ way: next, switched: true });
  };
  const unlocking: Unlocking = { mode, start, send, onBack, onOpened, focus: way.switched };
  return (
    <section aria-labelledby={id}>
      <ScreenHeading id={id}>{modeLabel(mode)}</ScreenHeading>
      {mode === "kiosk" && way.way === "pass" ? <PassUnlock unlocking={unlocking} /> : <PinUnlock unlocking={unlocking} />}
      {mode === "kiosk" && (
        <p className="actions">
          <button type="button" onClick={() => switchTo(way.way === "pin" ? "pass" : "pin")} disabled={start.busy}>
            {way.way === "pin" ? USE_PASS : USE_PIN}
          </button>
        </p>
      )}
    </section>
  );
}

function UnlockActions({ unlocking }: { unlocking: Unlocking }) {
  return (
    <div className="actions">
      <Submit busy={unlocking.start.busy}>Unlock</Submit>
      <button type="button" onClick={unlocking.onBack} disabled={unlocking.start.busy}>
        Back
      </button>
    </div>
  );
}

const DIGITS = { inputMode: "numeric", autoComplete: "off", spellCheck: false } as const;

function PinUnlock({ unlocking }: { unlocking: Unlocking }) {
  const { mode, start, send, onOpened, focus } = unlocking;
  const { register, handleSubmit, resetField, setFocus } = useForm<UnlockFields>({ defaultValues: { number: "", pin: "" } });
  const [local, setLocal] = useState<Refusal | null>(null);
  useEffect(() => {
    if (focus) setFocus("number");
  }, [focus, setFocus]);
  const submit = handleSubmit(async ({ number, pin }) => {
    setLocal(null);
    start.setError(null);
    // What cannot be right is not sent: a wrong try counts towards locking the PIN.
    const problem = unlockProblem(number, pin);
    if (problem) {
      setLocal(problem);
      resetField("pin");
      return;
    }
    const session = await send({ mode, number: number.trim(), pin });
    // The PIN never stays in the form.
    resetField("pin");
    if (session) onOpened(session);
    else setFocus("pin");
  });
  const refusal = local ?? unlockRefusal(start.error, mode, "pin");
  return (
    <>
      <p className="hint">{UNLOCK_HINT}</p>
      <form onSubmit={submit} aria-label="Unlock" noValidate>
        <Field label="Your number" maxLength={4} {...DIGITS} {...register("number")} required />
        <Field label="Your PIN" type="password" maxLength={8} {...DIGITS} {...register("pin")} required />
        {refusal ? <RefusalBox refusal={refusal} /> : <ErrorBox error={start.error} />}
        <UnlockActions unlocking={unlocking} />
      </form>
    </>
  );
}

/** The families' kiosk opened with a one-time code the person's phone shows ("Kiosk code"), typed or scanned. */
function PassUnlock({ unlocking }: { unlocking: Unlocking }) {
  const { mode, start, send, onOpened, focus } = unlocking;
  const { register, handleSubmit, setFocus, setValue } = useForm<PassFields>({ defaultValues: { code: "" } });
  const [local, setLocal] = useState<Refusal | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState(false);
  const Detector = useQrScanner();
  useEffect(() => {
    if (focus) setFocus("code");
  }, [focus, setFocus]);
  const submit = handleSubmit(async ({ code }) => {
    setLocal(null);
    setScanned(false);
    start.setError(null);
    // What cannot be a code is not sent: a wrong one counts against the tablet.
    const pass = normaliseKioskCode(code);
    if (!pass) {
      setLocal(passProblem(code));
      setFocus("code");
      return;
    }
    setScanning(false);
    const session = await send({ mode, pass });
    // A refused code stays in the field, to be checked against the phone; the screen goes back
    // to the start (and forgets it) after its idle minutes.
    if (session) onOpened(session);
    else setFocus("code");
  });
  const read = (digits: string) => {
    setScanning(false);
    setLocal(null);
    start.setError(null);
    setValue("code", formatKioskCode(digits));
    setScanned(true);
  };
  const refusal = local ?? unlockRefusal(start.error, mode, "pass");
  return (
    <>
      <p className="hint">{passHint(Detector !== null)}</p>
      <form onSubmit={submit} aria-label="Unlock with a kiosk code" noValidate>
        <Field label="Kiosk code" maxLength={12} {...DIGITS} {...register("code", { onChange: () => setScanned(false) })} required />
        {Detector &&
          (scanning ? (
            <QrScanner Detector={Detector} onCode={read} onClose={() => setScanning(false)} />
          ) : (
            <p className="actions">
              <button type="button" onClick={() => (setScanned(false), setScanning(true))} disabled={start.busy}>
                {SCAN_QR}
              </button>
            </p>
          ))}
        <Done message={scanned ? SCANNED : null} />
        {refusal ? <RefusalBox refusal={refusal} /> : <ErrorBox error={start.error} />}
        <UnlockActions unlocking={unlocking} />
      </form>
    </>
  );
}

/** What a mode's screen needs: the session, its headers, and calls that act on the API ending it. */
interface Scope {
  api: Api;
  settingId: string;
  session: DeviceSession;
  headers: Record<string, string>;
  /** The answer's data; a refusal that ends the session (or the pairing) is acted on before it is thrown. */
  call: <T>(request: Promise<Answer<T>>) => Promise<T>;
  /** A cache key of this session's own. */
  key: (...parts: unknown[]) => QueryKey;
}

/** Someone used the tablet: pointer or keyboard. After the idle minutes without, `onIdle`. */
function useIdle(idleMinutes: number, onIdle: () => void) {
  const idle = useEffectEvent(onIdle);
  useEffect(() => {
    const timer = startIdleTimer(idleMsOf(idleMinutes), () => idle());
    const touch = () => timer.touch();
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [idleMinutes]);
}

function Open({
  api,
  credential,
  session,
  id,
  onEnd,
  onRefused,
}: {
  api: Api;
  credential: DeviceCredential;
  session: DeviceSession;
  id: string;
  onEnd: (notice: string | null) => void;
  onRefused: (why: "ended" | "unpaired") => void;
}) {
  const idleMs = idleMsOf(session.idleMinutes);
  useIdle(session.idleMinutes, () => onEnd(idleEnded(Math.round(idleMs / 60_000))));
  const scope: Scope = {
    api,
    settingId: credential.settingId,
    session,
    headers: sessionHeaders(credential, session.token),
    call: <T,>(request: Promise<Answer<T>>) =>
      unwrap(request).catch((e: unknown) => {
        const error = asApiError(e);
        const why = sessionRefusal(error);
        if (why) onRefused(why);
        throw error;
      }),
    key: (...parts) => [SESSION_KEY, id, ...parts],
  };
  return (
    <>
      <div className="device-session">
        <p>{usingTablet(session.name)}</p>
        <button type="button" className="primary" onClick={() => onEnd(DONE)}>
          Done
        </button>
      </div>
      {session.mode === "staff" && <StaffRegister scope={scope} />}
      {session.mode === "kiosk" && <Kiosk scope={scope} onFinished={() => onEnd(DONE)} />}
      {session.mode === "journal" && <Journal scope={scope} />}
    </>
  );
}

/** Staff mode: today's register (as on the staff's own register page), signing children in. */
function StaffRegister({ scope }: { scope: Scope }) {
  const { api, settingId, headers, call, key } = scope;
  const id = useId();
  const [roomId, setRoomId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const register = useApiQuery(key("register"), () => call(api.GET("/v1/device/settings/{settingId}/register", { params: { path: { settingId } }, headers })));
  const rooms = new Map<string, string>();
  for (const c of register.data?.children ?? []) rooms.set(c.roomId, c.roomName);
  const changed = (text: string) => {
    setMessage(text);
    register.reload();
  };
  return (
    <section aria-labelledby={id}>
      <ScreenHeading id={id}>{modeHeading("staff")}</ScreenHeading>
      <Done message={message} />
      <Loaded state={register}>
        {(reg) => {
          const lines = reg.children.filter((c) => !roomId || c.roomId === roomId);
          return (
            <>
              <p>
                Today, {formatDay(reg.date, deviceZone)}. {presentWords(reg.present)}
                {reg.expected > 0 ? ` ${expectedWords(reg.expected)}` : ""}
              </p>
              {rooms.size > 1 && (
                <Select
                  label="Room"
                  value={roomId}
                  onChange={(e) => setRoomId(e.target.value)}
                  options={[{ value: "", label: "Every room" }, ...[...rooms].map(([value, label]) => ({ value, label }))]}
                />
              )}
              {lines.length === 0 ? (
                <Empty>No children on the register.</Empty>
              ) : (
                lines.map((line) => <StaffLine key={line.childId} scope={scope} line={line} onChanged={changed} />)
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function StaffLine({ scope, line, onChanged }: { scope: Scope; line: Schemas["RegisterLine"]; onChanged: (message: string) => void }) {
  const { api, settingId, headers, call } = scope;
  const signIn = useAction({ changes: false });
  const [signingOut, setSigningOut] = useState(false);
  const doSignIn = () =>
    void signIn
      .run(() =>
        call(
          api.POST("/v1/device/settings/{settingId}/children/{childId}/attendance", {
            params: { path: { settingId, childId: line.childId } },
            body: { mark: "sign-in" },
            headers: { ...headers, ...idempotencyKey() },
          }),
        ),
      )
      .then((answer) => answer && onChanged(signedInDone(line.firstName, answer.room?.roomName)));
  return (
    <Card level={3} heading={`${line.firstName} ${line.lastName}`}>
      <RegisterLineFacts line={line} status={lineState(line)} signedIn={line.signedIn} time={(iso) => formatTime(iso, deviceZone)} />
      {!line.signedIn && (
        <div className="actions">
          <button type="button" className="primary" onClick={doSignIn} disabled={signIn.busy} aria-busy={signIn.busy}>
            {signIn.busy ? "Please wait…" : `Sign in ${line.firstName}`}
          </button>
        </div>
      )}
      <ErrorBox error={signIn.error} />
      {line.signedIn && !signingOut && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setSigningOut(true)}>
            Sign out {line.firstName}
          </button>
        </div>
      )}
      {line.signedIn && signingOut && (
        <StaffSignOut
          scope={scope}
          line={line}
          onCancel={() => setSigningOut(false)}
          onDone={(collector) => (setSigningOut(false), onChanged(staffSignedOut(line.firstName, collector)))}
        />
      )}
    </Card>
  );
}

type StaffSignOutFields = { guardianId: string };

/**
 * Staff sign a child out on the tablet as on their own register, to one of the child's linked
 * guardians allowed to collect; someone else needs a manager's decision, on their own device.
 */
function StaffSignOut({
  scope,
  line,
  onCancel,
  onDone,
}: {
  scope: Scope;
  line: Schemas["RegisterLine"];
  onCancel: () => void;
  onDone: (collector: string) => void;
}) {
  const { api, settingId, headers, call, key } = scope;
  const guardians = useApiQuery(key("guardians", line.childId), () =>
    call(api.GET("/v1/device/settings/{settingId}/children/{childId}/guardians", { params: { path: { settingId, childId: line.childId } }, headers })),
  );
  const allowed = (guardians.data?.items ?? []).filter((g) => g.mayCollect && g.status === "active");
  const { handleSubmit, control } = useForm<StaffSignOutFields>({ defaultValues: { guardianId: "" } });
  // Until someone is picked, the first allowed to collect is shown chosen (they are read after
  // the form opens, so they cannot be its default).
  const { field } = useController({ control, name: "guardianId" });
  const chosen = allowed.find((g) => g.userId === field.value) ?? allowed[0];
  const save = useAction({ changes: false });
  const submit = handleSubmit(async () => {
    if (!chosen) return;
    const view = await save.run(() => attendance(scope, line.childId, { mark: "sign-out", collectedBy: { guardianId: chosen.userId } }));
    if (view) onDone(chosen.name);
  });
  return (
    <form onSubmit={submit} aria-label={`Sign out ${line.firstName}`} noValidate>
      <Loaded state={guardians}>
        {() =>
          allowed.length === 0 ? (
            <p>{nobodyMayCollect(line.firstName)}</p>
          ) : (
            <Select
              label="Collected by"
              value={chosen?.userId ?? ""}
              onChange={(e) => field.onChange(e.target.value)}
              onBlur={field.onBlur}
              options={allowed.map((g) => ({ value: g.userId, label: collectorLabel(g) }))}
            />
          )
        }
      </Loaded>
      <ErrorBox error={save.error} />
      <div className="actions">
        {allowed.length > 0 && <Submit busy={save.busy}>Confirm sign-out</Submit>}
        <button type="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Kiosk mode: the person's own children, each signed in or out at the moment the tablet is used. */
function Kiosk({ scope, onFinished }: { scope: Scope; onFinished: () => void }) {
  const id = useId();
  const [marked, setMarked] = useState<string | null>(null);
  const finish = useEffectEvent(onFinished);
  useEffect(() => {
    if (!marked) return;
    // The confirmation stays a few seconds, then the tablet is ready for the next family.
    const timer = window.setTimeout(() => finish(), KIOSK_CONFIRM_MS);
    return () => window.clearTimeout(timer);
  }, [marked]);
  const children = scope.session.children;
  return (
    <section aria-labelledby={id}>
      <ScreenHeading id={id}>{modeHeading("kiosk")}</ScreenHeading>
      {marked ? (
        <>
          <p className="done device-confirm" role="status">
            {marked}
          </p>
          <p className="hint">{KIOSK_NEXT}</p>
        </>
      ) : children.length === 0 ? (
        <Empty>{KIOSK_NONE}</Empty>
      ) : (
        children.map((child) => <KioskChild key={child.childId} scope={scope} child={child} onMarked={setMarked} />)
      )}
    </section>
  );
}

function KioskChild({ scope, child, onMarked }: { scope: Scope; child: DeviceChild; onMarked: (words: string) => void }) {
  const [signingOut, setSigningOut] = useState(false);
  const signIn = useAction({ changes: false });
  const marked = (view: Schemas["AttendanceView"], mark: Mark) =>
    onMarked(markedWords(mark, child.firstName, markedAt(view, mark) ?? new Date().toISOString(), deviceZone));
  const doSignIn = () =>
    // Never an `at`: the kiosk marks the moment it is used.
    void signIn.run(() => attendance(scope, child.childId, { mark: "sign-in" })).then((view) => view && marked(view, "sign-in"));
  return (
    <Card level={3} heading={`${child.firstName} ${child.lastName}`}>
      <p>
        <span className={child.signedIn ? "tag status-ok" : "tag"}>{kioskState(child.signedIn)}</span>
      </p>
      {!signingOut && (
        <div className="actions">
          {child.signedIn !== true && (
            <button type="button" className="primary" onClick={doSignIn} disabled={signIn.busy} aria-busy={signIn.busy}>
              {signIn.busy ? "Please wait…" : `Sign in ${child.firstName}`}
            </button>
          )}
          {child.signedIn !== false && (
            <button type="button" className="primary" onClick={() => setSigningOut(true)} disabled={signIn.busy}>
              Sign out {child.firstName}
            </button>
          )}
        </div>
      )}
      <ErrorBox error={signIn.error} />
      {signingOut && <KioskSignOut scope={scope} child={child} onCancel={() => setSigningOut(false)} onDone={(view) => marked(view, "sign-out")} />}
    </Card>
  );
}

function attendance(scope: Scope, childId: string, body: Schemas["AttendanceMark"]) {
  const { api, settingId, headers, call } = scope;
  return call(
    api.POST("/v1/device/settings/{settingId}/children/{childId}/attendance", {
      params: { path: { settingId, childId } },
      body,
      headers: { ...headers, ...idempotencyKey() },
    }),
  );
}

/** "Me" is the person whose session it is; any other choice is a collector's id. */
const ME_VALUE = "me";
/** Whether the choice is one of the authorised collectors (who then gives the password). */
const isCollector = (who: string | null | undefined) => Boolean(who) && who !== ME_VALUE;

type CollectFields = { who: string; password: string };

function KioskSignOut({
  scope,
  child,
  onCancel,
  onDone,
}: {
  scope: Scope;
  child: DeviceChild;
  onCancel: () => void;
  onDone: (view: Schemas["AttendanceView"]) => void;
}) {
  const { register, handleSubmit, control } = useForm<CollectFields>({ defaultValues: { who: ME_VALUE, password: "" } });
  const who = useWatch({ control, name: "who" });
  const save = useAction({ changes: false });
  const submit = handleSubmit(async (f) => {
    const collector = isCollector(f.who);
    if (collector && !f.password) {
      save.setError(new ApiError(422, "password-missing", "Type the collection password", "The person collecting gives the password the parents chose."));
      return;
    }
    const collectedBy: Schemas["Collection"] = collector ? { collectorId: f.who, password: f.password } : { guardianId: scope.session.userId };
    const view = await save.run(() => attendance(scope, child.childId, { mark: "sign-out", collectedBy }));
    if (view) onDone(view);
  });
  return (
    <form onSubmit={submit} aria-label={`Sign out ${child.firstName}`} noValidate>
      <fieldset>
        <legend>{WHO_COLLECTS}</legend>
        <Radio label={ME} value={ME_VALUE} {...register("who")} />
        {child.collectors.map((c) => (
          <Radio key={c.collectorId} label={collectorLabel(c)} value={c.collectorId} {...register("who")} />
        ))}
      </fieldset>
      {isCollector(who) && (
        <Field label="Collection password" hint={COLLECTION_PASSWORD_HINT} type="password" autoComplete="off" {...register("password")} required />
      )}
      <ErrorBox error={save.error} />
      <div className="actions">
        <Submit busy={save.busy}>Confirm sign-out</Submit>
        <button type="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Radio({ label, ...input }: { label: string } & ComponentProps<"input">) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="radio" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Journal mode: the parent's children, and one child's journal read only. */
function Journal({ scope }: { scope: Scope }) {
  const id = useId();
  const [chosen, setChosen] = useState<DeviceChild | null>(null);
  const children = scope.session.children;
  if (chosen)
    return (
      <section key={chosen.childId} aria-labelledby={id}>
        <ScreenHeading id={id}>{journalHeading(chosen.firstName)}</ScreenHeading>
        <p className="actions">
          <button type="button" onClick={() => setChosen(null)}>
            Back to the list of children
          </button>
        </p>
        <p className="hint">{JOURNAL_ON_TABLET}</p>
        <DeviceJournal scope={scope} child={chosen} />
      </section>
    );
  return (
    <section aria-labelledby={id}>
      <ScreenHeading id={id}>{modeHeading("journal")}</ScreenHeading>
      {children.length === 0 ? (
        <Empty>{JOURNAL_NONE}</Empty>
      ) : (
        <ul className="device-modes bare" aria-label="Your children">
          {children.map((c) => (
            <li key={c.childId}>
              <button type="button" className="primary" onClick={() => setChosen(c)}>
                {c.firstName} {c.lastName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DeviceJournal({ scope, child }: { scope: Scope; child: DeviceChild }) {
  const { api, settingId, headers, call, key } = scope;
  const path = { settingId, childId: child.childId };
  const journal = (cursor?: string) =>
    call(api.GET("/v1/device/settings/{settingId}/children/{childId}/journal", { params: { path, query: { limit: 20, ...(cursor ? { cursor } : {}) } }, headers }));
  const state = useApiQuery(key("journal", child.childId), () => journal());
  return (
    <Loaded state={state}>
      {(page) => (
        <>
          <p className="hint">Key person: {page.keyPerson.name}</p>
          {page.items.length === 0 && <Empty>Nothing in {page.firstName}'s journal yet.</Empty>}
          {page.items.map((entry) => (
            <JournalEntryCard key={entry.entryId} settingId={settingId} childId={child.childId} entry={entry} readOnly level={3} />
          ))}
          <LoadMore state={state} load={journal} label="Load older entries" />
        </>
      )}
    </Loaded>
  );
}
