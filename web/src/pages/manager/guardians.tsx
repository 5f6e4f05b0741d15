// The adults linked to a child: linking a parent or family member, and withdrawing a link.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Select, Submit, TextArea } from "../../ui/components";
import { Confirm, Tag, statusWords, useConfirm } from "./common";

const REASONS: { value: Schemas["RevocationReason"]; label: string }[] = [
  { value: "court-order", label: "Court order" },
  { value: "responsibility-questioned", label: "Parental responsibility questioned" },
  { value: "agreement-breach", label: "Breach of the acceptable-use agreement" },
  { value: "left", label: "Left the setting" },
  { value: "other", label: "Other (explain in the note)" },
];

export function Guardians({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  // A hold placed or lifted changes the links' status: the change marks this read stale too.
  const state = useApiQuery(keys.setting(settingId, "guardians", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/guardians", { params: { path: { settingId, childId } } })),
  );
  return (
    <section aria-labelledby="guardians-heading">
      <h2 id="guardians-heading">Parents and family</h2>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nobody is linked to this child yet.</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((g) => (
                <GuardianCard key={g.userId} settingId={settingId} childId={childId} guardian={g} onChange={state.reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <LinkForm settingId={settingId} childId={childId} onLinked={state.reload} />
    </section>
  );
}

function GuardianCard({ settingId, childId, guardian: g, onChange }: { settingId: string; childId: string; guardian: Schemas["GuardianView"]; onChange: () => void }) {
  const { api } = useSession();
  const { day } = useClock();
  const [reason, setReason] = useState<Schemas["RevocationReason"]>("left");
  const [note, setNote] = useState("");
  const confirm = useConfirm();
  const revoke = useAction();
  const doRevoke = () =>
    void revoke.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/guardians/{userId}/revoke", {
          params: { path: { settingId, childId, userId: g.userId } },
          body: { reason, note: note.trim() || null },
          headers: idempotencyKey(),
        }),
      );
      setNote("");
      confirm.cancel();
      onChange();
    }, `${g.name}'s link is withdrawn. They are refused from their next request; if this was their last link here, they have also been signed out of Nestling on every device.`);
  return (
    <li className="card">
      <h3>{g.name}</h3>
      <dl className="facts">
        <dt>Relationship</dt>
        <dd>{g.relationship}</dd>
        {g.email && (
          <>
            <dt>Email</dt>
            <dd>{g.email}</dd>
          </>
        )}
        <dt>Access</dt>
        <dd>{g.access === "parent" ? "Parent: journal, diary and records" : "Family: news only"}</dd>
        <dt>Parental responsibility</dt>
        <dd>{g.parentalResponsibility ? "Yes" : "No"}</dd>
        <dt>May collect</dt>
        <dd>{g.mayCollect ? "Yes" : "No"}</dd>
        <dt>Status</dt>
        <dd>
          <Tag status={g.status}>{g.status === "suspended" ? "Suspended (safeguarding hold)" : statusWords(g.status)}</Tag>
        </dd>
        {g.linkedAt && (
          <>
            <dt>Linked</dt>
            <dd>{day(g.linkedAt)}</dd>
          </>
        )}
        {g.status === "revoked" && (
          <>
            <dt>Withdrawn</dt>
            <dd>
              {day(g.revokedAt)}
              {g.revokedReason ? `: ${REASONS.find((r) => r.value === g.revokedReason)?.label ?? g.revokedReason}` : ""}
              {g.revokedNote ? `. ${g.revokedNote}` : ""}
            </dd>
          </>
        )}
      </dl>
      <Done message={revoke.done} />
      {g.status !== "revoked" && (
        <details>
          <summary>Withdraw {g.name}'s link</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              confirm.ask();
            }}
          >
            <Select label="Reason" value={reason} onChange={(e) => setReason(e.target.value as Schemas["RevocationReason"])} options={REASONS} />
            <TextArea label={reason === "other" ? "Note" : "Note (optional)"} value={note} onChange={(e) => setNote(e.target.value)} required={reason === "other"} />
            {!confirm.asking && (
              <button type="submit" className="danger">
                Withdraw link…
              </button>
            )}
          </form>
          {confirm.asking && (
            <Confirm confirmLabel={`Yes, withdraw ${g.name}'s link`} busy={revoke.busy} onConfirm={doRevoke} onCancel={confirm.cancel}>
              <p>
                {g.name} will lose access to this child from their next request and can no longer collect. If this is their last link at this
                setting, they are also signed out of Nestling everywhere.
              </p>
            </Confirm>
          )}
          <ErrorBox error={revoke.error} />
        </details>
      )}
    </li>
  );
}

function LinkForm({ settingId, childId, onLinked }: { settingId: string; childId: string; onLinked: () => void }) {
  const { api } = useSession();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [relationship, setRelationship] = useState("");
  const [parentalResponsibility, setParentalResponsibility] = useState(true);
  const [access, setAccess] = useState<Schemas["GuardianAccess"]>("parent");
  const [mayCollect, setMayCollect] = useState(true);
  const link = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const who = name.trim();
    void link.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/guardians", {
          params: { path: { settingId, childId } },
          body: { email: email.trim(), name: who, relationship: relationship.trim(), parentalResponsibility, access, mayCollect },
          headers: idempotencyKey(),
        }),
      );
      setEmail("");
      setName("");
      setRelationship("");
      setParentalResponsibility(true);
      setAccess("parent");
      setMayCollect(true);
      onLinked();
    }, `${who} is linked. Someone new to Nestling is emailed an invitation; someone already on Nestling is told by email.`);
  };
  return (
    <>
      <h3>Link a parent or family member</h3>
      <form onSubmit={submit}>
        <Field label="Email address" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <Field label="Full name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required />
        <Field label="Relationship to the child" hint="For example: mother, father, grandmother, childminder." value={relationship} onChange={(e) => setRelationship(e.target.value)} required />
        <Select
          label="Access"
          value={access}
          onChange={(e) => setAccess(e.target.value as Schemas["GuardianAccess"])}
          options={[
            { value: "parent", label: "Parent: journal, diary and records" },
            { value: "family", label: "Family: news only" },
          ]}
        />
        <Checkbox label="Has parental responsibility" checked={parentalResponsibility} onChange={(e) => setParentalResponsibility(e.target.checked)} />
        <Checkbox label="May collect the child" checked={mayCollect} onChange={(e) => setMayCollect(e.target.checked)} />
        <ErrorBox error={link.error} />
        <Done message={link.done} />
        <Submit busy={link.busy}>Link to this child</Submit>
      </form>
    </>
  );
}
