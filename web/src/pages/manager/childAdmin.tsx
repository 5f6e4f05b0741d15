// One child's administration: their record, who is linked to them, the safeguarding hold and
// the legal hold on their records.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { Confirm, useConfirm, useDirectory } from "./common";
import { Guardians } from "./guardians";
import { Leaving } from "./leaving";

export function ChildAdminPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const { day } = useClock();
  const child = useApiQuery(keys.setting(settingId, "child", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId } } })),
  );
  const directory = useDirectory(settingId);
  const dir = directory.data;
  const name = child.data ? `${child.data.firstName} ${child.data.lastName}` : "Child";
  return (
    <Page title={name} back={{ to: setting(settingId, "/children"), label: "Children" }}>
      <Loaded state={child}>
        {(c) => (
          <>
            <p>
              <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/journal`)}>Journal</Link> ·{" "}
              <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/diary`)}>Diary</Link> ·{" "}
              <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/accidents`)}>Accidents</Link> ·{" "}
              <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/journey`)}>Learning journey</Link> ·{" "}
              <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/bookings`)}>Bookings and regular week</Link>
            </p>
            <dl className="facts">
              <dt>Date of birth</dt>
              <dd>{day(c.dateOfBirth)}</dd>
              <dt>Room</dt>
              <dd>{dir?.roomName(c.roomId) ?? ""}</dd>
              <dt>Key person</dt>
              <dd>{dir?.staffName(c.keyPersonId) ?? ""}</dd>
              <dt>Medical notes</dt>
              <dd>{c.medicalNotes || "None"}</dd>
              <dt>Dietary notes</dt>
              <dd>{c.dietaryNotes || "None"}</dd>
              <dt>Photos in other children's journals</dt>
              <dd>{c.consents ? (c.consents.photosInOtherJournals ? "Allowed by parents" : "Not allowed") : "Parents have not said yet"}</dd>
              <dt>Remote access by key person</dt>
              <dd>{c.consents ? (c.consents.remoteStaffAccess ? "Allowed by parents" : "Not allowed") : "Parents have not said yet"}</dd>
            </dl>
            <h2>Emergency contacts</h2>
            <ul>
              {c.emergencyContacts.map((ec, i) => (
                <li key={i}>
                  {ec.name} ({ec.relationship}): <a href={`tel:${ec.phone.replace(/\s/g, "")}`}>{ec.phone}</a>
                </li>
              ))}
            </ul>
            <Hold settingId={settingId} child={c} staffName={dir?.staffName} />
            <LegalHold settingId={settingId} child={c} staffName={dir?.staffName} />
            <Leaving settingId={settingId} child={c} />
          </>
        )}
      </Loaded>
      <ErrorBox error={directory.error} />
      <Guardians settingId={settingId} childId={childId} />
    </Page>
  );
}

function Hold({ settingId, child, staffName }: { settingId: string; child: Schemas["ChildView"]; staffName?: (id: string) => string }) {
  const { api } = useSession();
  const { when } = useClock();
  const hold = child.safeguardingHold;
  // The reason for placing the hold or the note on lifting it, whichever the hold's state asks for.
  const { register, handleSubmit, getValues, reset } = useForm<{ text: string }>({ defaultValues: { text: "" } });
  const confirm = useConfirm();
  const change = useAction();
  const [message, setMessage] = useState<string | null>(null);
  const path = { path: { settingId, childId: child.childId } };
  const submit = handleSubmit(() => {
    setMessage(null);
    confirm.ask();
  });
  const apply = () =>
    void change.run(async () => {
      const text = getValues("text");
      const state = hold
        ? await unwrap(api.DELETE("/v1/settings/{settingId}/children/{childId}/safeguarding-hold", { params: path, body: { note: text }, headers: idempotencyKey() }))
        : await unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/safeguarding-hold", { params: path, body: { reason: text }, headers: idempotencyKey() }));
      reset();
      confirm.cancel();
      const links = `${state.guardianLinks} guardian link${state.guardianLinks === 1 ? "" : "s"}`;
      setMessage(
        hold
          ? `The hold is lifted: ${links} restored to how they were before it.`
          : `The hold is in place: ${links} paused. Parents and family see nothing about ${child.firstName} until it is lifted.`,
      );
    });
  return (
    <section aria-labelledby="hold-heading">
      <h2 id="hold-heading">Safeguarding hold</h2>
      {hold ? (
        <div className="setup">
          <p>
            <strong>On hold</strong> since {when(hold.placedAt)}
            {staffName ? `, placed by ${staffName(hold.placedBy)}` : ""}.
          </p>
          {hold.reason && <p>Reason: {hold.reason}</p>}
          <p>Parents and family cannot see anything about {child.firstName} and cannot collect. Staff keep access.</p>
        </div>
      ) : (
        <p>No hold. A hold pauses every parent's and family member's access to {child.firstName} at once; staff keep access.</p>
      )}
      <Done message={message} />
      <form onSubmit={submit}>
        <TextArea
          label={hold ? "Note on lifting the hold" : "Reason for the hold (seen by managers only)"}
          {...register("text")}
          required
        />
        {!confirm.asking && (
          <button type="submit" className={hold ? undefined : "danger"}>
            {hold ? "Lift the hold…" : "Place a safeguarding hold…"}
          </button>
        )}
      </form>
      {confirm.asking && (
        <Confirm
          confirmLabel={hold ? "Yes, lift the hold" : "Yes, place the hold"}
          busy={change.busy}
          onConfirm={apply}
          onCancel={confirm.cancel}
        >
          <p>
            {hold
              ? `Each guardian whose link was active before the hold will see ${child.firstName}'s records again from their next request.`
              : `Every guardian linked to ${child.firstName} loses access from their next request, until the hold is lifted.`}
          </p>
        </Confirm>
      )}
      <ErrorBox error={change.error} />
    </section>
  );
}

/** A legal hold keeps every record of the child past the retention schedule until it is lifted. */
function LegalHold({ settingId, child, staffName }: { settingId: string; child: Schemas["ChildView"]; staffName?: (id: string) => string }) {
  const { api } = useSession();
  const { when } = useClock();
  const hold = child.legalHold;
  const { register, handleSubmit, reset } = useForm<{ text: string }>({ defaultValues: { text: "" } });
  const change = useAction();
  const path = { path: { settingId, childId: child.childId } };
  const submit = handleSubmit(({ text }) =>
    change.run(
      async () => {
        const state = hold
          ? await unwrap(api.DELETE("/v1/settings/{settingId}/children/{childId}/legal-hold", { params: path, body: { note: text }, headers: idempotencyKey() }))
          : await unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/legal-hold", { params: path, body: { reason: text }, headers: idempotencyKey() }));
        reset();
        return state;
      },
      hold ? "The legal hold is lifted: the retention schedule applies again." : `${child.firstName}'s records are kept until the hold is lifted.`,
    ),
  );
  return (
    <section aria-labelledby="legal-hold-heading">
      <h2 id="legal-hold-heading">Legal hold</h2>
      {hold ? (
        <p>
          <strong>Kept past the retention schedule</strong> since {when(hold.placedAt)}
          {staffName ? `, placed by ${staffName(hold.placedBy)}` : ""}: {hold.reason}
        </p>
      ) : (
        <p>None. A legal hold keeps every record of {child.firstName} past the retention schedule, for a claim, an inquiry or a request from the police or the local authority.</p>
      )}
      <ErrorBox error={change.error} />
      <Done message={change.done} />
      <form onSubmit={submit} aria-label={hold ? "Lift the legal hold" : "Place a legal hold"}>
        <TextArea label={hold ? "Why it is lifted" : "What it is for"} {...register("text")} required />
        <Submit busy={change.busy}>{hold ? "Lift the legal hold" : "Place a legal hold"}</Submit>
      </form>
    </section>
  );
}
