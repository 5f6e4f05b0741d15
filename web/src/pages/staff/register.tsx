// The day's register: who is in, signing in and out (with who collected), and the ratios now.
import { useState } from "react";
import { useController, useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { useOutbox, usePending } from "../../offline/context";
import { sendOrKeep } from "../../offline/outbox";
import { RatiosTable } from "./ratios";
import { RegisterLineFacts } from "./registerLine";
import { expectedWords, lineState, presentWords, signedInDone } from "./registerWords";
import { Card, minutes } from "./shared";

export function RegisterPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const clock = useClock();
  const { day } = clock;
  const isManager = useMembership(settingId)?.role === "manager";
  const [date, setDate] = useState("");
  // The setting's today on its own clock: only today can be marked or added to.
  const today = clock.today();
  const [roomId, setRoomId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const register = useApiQuery(keys.setting(settingId, "register", date), () =>
    unwrap(api.GET("/v1/settings/{settingId}/register", { params: { path: { settingId }, query: date ? { date } : {} } })),
  );
  // The ratios below need no nudge: a mark (useAction) marks every read of the setting stale.
  const changed = (text: string) => {
    setMessage(text);
    register.reload();
  };
  const shownDate = date || register.data?.date || "";
  const isToday = shownDate === today;

  const rooms = new Map<string, string>();
  for (const c of register.data?.children ?? []) rooms.set(c.roomId, c.roomName);

  return (
    <Page title="Register" back={{ to: setting(settingId), label: "Home" }}>
      <div className="actions">
        <Field label="Date" type="date" value={shownDate} max={today} onChange={(e) => (setMessage(null), setDate(e.target.value))} />
        <Select
          label="Room"
          value={roomId}
          onChange={(e) => setRoomId(e.target.value)}
          options={[{ value: "", label: "Every room" }, ...[...rooms].map(([value, label]) => ({ value, label }))]}
        />
      </div>
      <Done message={message} />
      <Loaded state={register}>
        {(reg) => {
          const lines = reg.children.filter((c) => !roomId || c.roomId === roomId);
          return (
            <section aria-labelledby="register-heading">
              <h2 id="register-heading">{isToday ? `Today, ${day(reg.date)}` : day(reg.date)}</h2>
              {isToday && <p>{presentWords(reg.present)}</p>}
              {reg.expected > 0 && <p>{expectedWords(reg.expected)}</p>}
              {!isToday && <p className="hint">An earlier day: marks can only be made for today.</p>}
              {lines.length === 0 ? (
                <Empty>No children on the register.</Empty>
              ) : (
                lines.map((line) => <Line key={line.childId} settingId={settingId} line={line} canMark={isToday} isManager={isManager} onChanged={changed} />)
              )}
            </section>
          );
        }}
      </Loaded>
      <section aria-labelledby="ratios-heading">
        <h2 id="ratios-heading">Ratios now</h2>
        <RatiosTable settingId={settingId} />
      </section>
    </Page>
  );
}

function Line({
  settingId,
  line,
  canMark,
  isManager,
  onChanged,
}: {
  settingId: string;
  line: Schemas["RegisterLine"];
  canMark: boolean;
  isManager: boolean;
  onChanged: (message: string) => void;
}) {
  const { api } = useSession();
  const { time } = useClock();
  const name = `${line.firstName} ${line.lastName}`;
  const signIn = useAction();
  const outbox = useOutbox();
  const [signingOut, setSigningOut] = useState(false);
  // Marks made without a network, still on this device: the line reads as they will.
  const kept = usePending().flatMap((p) => (p.work.kind === "attendance" && p.work.childId === line.childId && p.status === "waiting" ? [p.work.body] : []));
  const signedIn = kept.length > 0 ? kept[kept.length - 1]!.mark === "sign-in" : line.signedIn;
  const doSignIn = () => {
    let room: string | undefined;
    const send = () =>
      unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/attendance", {
          params: { path: { settingId, childId: line.childId } },
          body: { mark: "sign-in" },
          headers: idempotencyKey(),
        }),
      ).then((answer) => (room = answer.room?.roomName));
    const body = { mark: "sign-in" as const, at: new Date().toISOString() };
    void signIn
      .run(() => sendOrKeep(outbox, send, () => ({ kind: "attendance", label: `Sign-in of ${name}`, childId: line.childId, body })))
      .then(
        (outcome) =>
          outcome &&
          onChanged(outcome === "kept" ? `${line.firstName}'s sign-in is kept on this device until it can be sent.` : signedInDone(line.firstName, room)),
      );
  };

  const status = kept.length > 0 ? `${signedIn ? "Signed in" : "Signed out"} (waiting to send)` : lineState(line);
  return (
    <Card level={3} heading={name}>
      <RegisterLineFacts line={line} status={status} signedIn={signedIn} time={time} />
      {line.minutes > 0 && <p className="hint">Attended {minutes(line.minutes)} in finished sessions.</p>}
      {canMark && !signedIn && (
        <div className="actions">
          <button type="button" className="primary" onClick={doSignIn} disabled={signIn.busy}>
            {signIn.busy ? "Please wait…" : `Sign in ${line.firstName}`}
          </button>
        </div>
      )}
      <ErrorBox error={signIn.error} />
      {canMark && signedIn && !signingOut && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setSigningOut(true)}>
            Sign out {line.firstName}
          </button>
        </div>
      )}
      {canMark && signedIn && signingOut && (
        <SignOutForm
          settingId={settingId}
          line={line}
          isManager={isManager}
          onCancel={() => setSigningOut(false)}
          onDone={(who, kept) =>
            (setSigningOut(false),
            onChanged(kept ? `${line.firstName}'s sign-out is kept on this device until it can be sent.` : `${line.firstName} is signed out, collected by ${who}.`))
          }
        />
      )}
    </Card>
  );
}

const OVERRIDE = "override";

type SignOutFields = { choice: string; name: string; relationship: string; reason: string };
const BLANK_SIGN_OUT: SignOutFields = { choice: "", name: "", relationship: "", reason: "" };

function SignOutForm({
  settingId,
  line,
  isManager,
  onCancel,
  onDone,
}: {
  settingId: string;
  line: Schemas["RegisterLine"];
  isManager: boolean;
  onCancel: () => void;
  onDone: (who: string, kept: boolean) => void;
}) {
  const { api } = useSession();
  const path = { settingId, childId: line.childId };
  const guardians = useApiQuery(keys.setting(settingId, "guardians", line.childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/guardians", { params: { path } })),
  );
  const allowed = (guardians.data?.items ?? []).filter((g) => g.mayCollect && g.status === "active");
  const { register, handleSubmit, control } = useForm<SignOutFields>({ defaultValues: BLANK_SIGN_OUT });
  // Until someone is picked, the first allowed to collect is shown chosen (the collectors are
  // read after the form opens, so they cannot be its default): the select shows `chosen`.
  const { field: choiceField } = useController({ control, name: "choice" });
  const save = useAction();
  const outbox = useOutbox();
  const chosen = choiceField.value || allowed[0]?.userId || (isManager ? OVERRIDE : "");

  // The form closes once the mark is sent or kept, so it needs no reset.
  const submit = handleSubmit(async ({ name, relationship, reason }) => {
    const override = chosen === OVERRIDE;
    const guardian = allowed.find((g) => g.userId === chosen);
    const body: Schemas["AttendanceMark"] = override
      ? { mark: "sign-out", collectedBy: { name, relationship }, overrideReason: reason }
      : { mark: "sign-out", collectedBy: { guardianId: chosen } };
    const send = () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/attendance", { params: { path }, body, headers: idempotencyKey() }));
    const label = `Sign-out of ${line.firstName} ${line.lastName}`;
    const at = new Date().toISOString();
    const outcome = await save.run(() => sendOrKeep(outbox, send, () => ({ kind: "attendance", label, childId: line.childId, body: { ...body, at } })));
    if (outcome) onDone(override ? name : (guardian?.name ?? "the person chosen"), outcome === "kept");
  });

  const options = [
    ...allowed.map((g) => ({ value: g.userId, label: `${g.name} (${g.relationship})` })),
    ...(isManager ? [{ value: OVERRIDE, label: "Someone else (a manager's decision)" }] : []),
  ];

  return (
    <form onSubmit={submit} aria-label={`Sign out ${line.firstName}`}>
      <Loaded state={guardians}>
        {() =>
          options.length === 0 ? (
            <p>
              Nobody on Nestling may collect {line.firstName}: no linked guardian allowed to collect has an active link. Ask a manager: only a manager can let
              someone else collect.
            </p>
          ) : (
            <>
              <Select
                label="Collected by"
                value={chosen}
                onChange={(e) => choiceField.onChange(e.target.value)}
                onBlur={choiceField.onBlur}
                options={options}
              />
              {chosen === OVERRIDE && (
                <>
                  <p className="hint">Every manager is emailed about a collection by someone not on {line.firstName}'s list.</p>
                  <Field label="Their name" {...register("name")} required autoComplete="off" />
                  <Field label="Relationship to the child" {...register("relationship")} required autoComplete="off" />
                  <TextArea label="Why you are allowing this" {...register("reason")} required rows={3} />
                </>
              )}
            </>
          )
        }
      </Loaded>
      <ErrorBox error={save.error} />
      <div className="actions">
        {options.length > 0 && <Submit busy={save.busy}>Confirm sign-out</Submit>}
        <button type="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
