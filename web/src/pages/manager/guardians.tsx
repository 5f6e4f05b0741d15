// The adults linked to a child: linking a parent or family member, and withdrawing a link.
import { useForm, useWatch } from "react-hook-form";
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
                <GuardianCard key={g.userId} settingId={settingId} childId={childId} guardian={g} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <LinkForm settingId={settingId} childId={childId} />
    </section>
  );
}

type RevokeForm = { reason: Schemas["RevocationReason"]; note: string };

function GuardianCard({ settingId, childId, guardian: g }: { settingId: string; childId: string; guardian: Schemas["GuardianView"] }) {
  const { api } = useSession();
  const { day } = useClock();
  const { register, handleSubmit, getValues, resetField, control } = useForm<RevokeForm>({ defaultValues: { reason: "left", note: "" } });
  const reason = useWatch({ control, name: "reason" });
  const confirm = useConfirm();
  const revoke = useAction();
  const doRevoke = () =>
    void revoke.run(async () => {
      const f = getValues();
      await unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/guardians/{userId}/revoke", {
          params: { path: { settingId, childId, userId: g.userId } },
          body: { reason: f.reason, note: f.note.trim() || null },
          headers: idempotencyKey(),
        }),
      );
      resetField("note");
      confirm.cancel();
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
      {g.status !== "revoked" && g.access === "parent" && <HouseholdForm settingId={settingId} childId={childId} guardian={g} />}
      {g.status !== "revoked" && (
        <details>
          <summary>Withdraw {g.name}'s link</summary>
          <form onSubmit={handleSubmit(confirm.ask)}>
            <Select label="Reason" {...register("reason")} options={REASONS} />
            <TextArea label={reason === "other" ? "Note" : "Note (optional)"} {...register("note")} required={reason === "other"} />
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

const HOUSEHOLDS = [
  { value: "", label: "Shared with the child's other parents" },
  { value: "1", label: "Household 1" },
  { value: "2", label: "Household 2" },
  { value: "3", label: "Household 3" },
  { value: "4", label: "Household 4" },
];

/**
 * Separated parents: each marked household gets its own message threads about the child and
 * never sees the other household's messages, address or name (rule 16).
 */
function HouseholdForm({ settingId, childId, guardian: g }: { settingId: string; childId: string; guardian: Schemas["GuardianView"] }) {
  const { api } = useSession();
  const save = useAction();
  const current = g.household == null ? "" : String(g.household);
  const { register, handleSubmit } = useForm<{ household: string }>({ values: { household: current } });
  const onSave = ({ household }: { household: string }) =>
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/guardians/{userId}/household", {
            params: { path: { settingId, childId, userId: g.userId } },
            body: { household: household ? Number(household) : null },
            headers: idempotencyKey(),
          }),
        ),
      household
        ? `${g.name} is in household ${household}: from now they see only that household's messages about this child.`
        : `${g.name} shares this child's messages with the other parents given no household.`,
    );
  return (
    <form onSubmit={handleSubmit(onSave)}>
      <Select label={`Household for messages (${g.name})`} {...register("household")} options={HOUSEHOLDS} />
      <p className="hint">For separated parents: give each their own household, and neither sees the other's messages or details.</p>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Save household</Submit>
    </form>
  );
}

type LinkGuardianForm = { email: string; name: string; relationship: string; parentalResponsibility: boolean; access: Schemas["GuardianAccess"]; mayCollect: boolean };
const BLANK_LINK: LinkGuardianForm = { email: "", name: "", relationship: "", parentalResponsibility: true, access: "parent", mayCollect: true };

function LinkForm({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<LinkGuardianForm>({ defaultValues: BLANK_LINK });
  const link = useAction();
  const submit = handleSubmit(async (f) => {
    const who = f.name.trim();
    await link.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/guardians", {
          params: { path: { settingId, childId } },
          body: { ...f, email: f.email.trim(), name: who, relationship: f.relationship.trim() },
          headers: idempotencyKey(),
        }),
      );
      reset(BLANK_LINK);
    }, `${who} is linked. Someone new to Nestling is emailed an invitation; someone already on Nestling is told by email.`);
  });
  return (
    <>
      <h3>Link a parent or family member</h3>
      <form onSubmit={submit}>
        <Field label="Email address" type="email" autoComplete="off" {...register("email")} required />
        <Field label="Full name" autoComplete="off" {...register("name")} required />
        <Field label="Relationship to the child" hint="For example: mother, father, grandmother, childminder." {...register("relationship")} required />
        <Select
          label="Access"
          {...register("access")}
          options={[
            { value: "parent", label: "Parent: journal, diary and records" },
            { value: "family", label: "Family: news only" },
          ]}
        />
        <Checkbox label="Has parental responsibility" {...register("parentalResponsibility")} />
        <Checkbox label="May collect the child" {...register("mayCollect")} />
        <ErrorBox error={link.error} />
        <Done message={link.done} />
        <Submit busy={link.busy}>Link to this child</Submit>
      </form>
    </>
  );
}
