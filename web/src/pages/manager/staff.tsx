// Staff: who works here, inviting someone new, and withdrawing access.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { Confirm, QUALIFICATION_LEVELS, Tag, loadStaff, useConfirm } from "./common";

export function StaffPage({ settingId }: { settingId: string }) {
  const { api, me } = useSession();
  const state = useApiQuery(keys.setting(settingId, "staff"), () => loadStaff(api, settingId));
  return (
    <Page title="Staff" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={state}>
        {(staff) =>
          staff.length === 0 ? (
            <Empty>No staff yet.</Empty>
          ) : (
            <ul className="cards">
              {staff.map((s) => (
                <StaffCard key={s.userId} settingId={settingId} member={s} self={s.userId === me.userId} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <InviteForm settingId={settingId} />
    </Page>
  );
}

function StaffCard({ settingId, member, self }: { settingId: string; member: Schemas["StaffView"]; self: boolean }) {
  const { api } = useSession();
  const { day } = useClock();
  const { register, handleSubmit, getValues, reset } = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const confirm = useConfirm();
  const revoke = useAction();
  const doRevoke = () =>
    void revoke.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/staff/{userId}/revoke", {
          params: { path: { settingId, userId: member.userId } },
          body: { reason: getValues("reason") },
          headers: idempotencyKey(),
        }),
      );
      reset();
      confirm.cancel();
    }, `${member.name}'s access was withdrawn.`);
  return (
    <li className="card">
      <h2>{member.name}</h2>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{member.email}</dd>
        <dt>Role</dt>
        <dd>{member.role === "manager" ? "Manager" : "Practitioner"}</dd>
        <dt>Qualification</dt>
        <dd>{member.qualificationLevel != null ? `Level ${member.qualificationLevel}` : "Not recorded"}</dd>
        <dt>Status</dt>
        <dd>
          <Tag status={member.status} />
          {member.status === "invited" && ` since ${day(member.invitedAt)}`}
          {member.status === "revoked" && member.revokedAt && ` on ${day(member.revokedAt)}`}
        </dd>
        {member.revokedReason && (
          <>
            <dt>Reason</dt>
            <dd>{member.revokedReason}</dd>
          </>
        )}
      </dl>
      <Done message={revoke.done} />
      {member.status !== "revoked" && !self && (
        <details>
          <summary>Withdraw {member.name}'s access</summary>
          <form onSubmit={handleSubmit(confirm.ask)}>
            <TextArea label="Reason (kept in the staff record)" {...register("reason")} required />
            {!confirm.asking && <button type="submit" className="danger">Withdraw access…</button>}
          </form>
          {confirm.asking && (
            <Confirm confirmLabel={`Yes, withdraw ${member.name}'s access`} busy={revoke.busy} onConfirm={doRevoke} onCancel={confirm.cancel}>
              <p>
                {member.name} will no longer be able to use Nestling at this setting, from their next request. Their past records stay. This
                cannot be undone here: to let them back, they must be invited again.
              </p>
            </Confirm>
          )}
          <ErrorBox error={revoke.error} />
        </details>
      )}
    </li>
  );
}

type InviteStaffForm = { email: string; name: string; role: Schemas["StaffRole"]; level: string };
const BLANK_INVITE: InviteStaffForm = { email: "", name: "", role: "practitioner", level: "3" };

function InviteForm({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<InviteStaffForm>({ defaultValues: BLANK_INVITE });
  const invite = useAction();
  const [sent, setSent] = useState<string | null>(null);
  const submit = handleSubmit(async (f) => {
    setSent(null);
    const member = await invite.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/staff", {
          params: { path: { settingId } },
          body: { email: f.email.trim(), name: f.name.trim(), role: f.role, qualificationLevel: Number(f.level) },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!member) return;
    reset(BLANK_INVITE);
    setSent(
      member.status === "active"
        ? `${member.name} already uses Nestling and can work here now.`
        : `${member.name} has been emailed an invitation to ${member.email}.`,
    );
  });
  return (
    <>
      <h2>Invite a member of staff</h2>
      <p className="hint">
        They are emailed a link to set their password. Someone who already uses Nestling is added at once. Inviting someone who has not yet
        accepted sends them a fresh link.
      </p>
      <form onSubmit={submit}>
        <Field label="Email address" type="email" autoComplete="off" {...register("email")} required />
        <Field label="Full name" {...register("name")} required />
        <Select
          label="Role"
          {...register("role")}
          options={[
            { value: "practitioner", label: "Practitioner" },
            { value: "manager", label: "Manager" },
          ]}
        />
        <Select label="Qualification level" {...register("level")} options={QUALIFICATION_LEVELS} />
        <ErrorBox error={invite.error} />
        <Done message={sent} />
        <Submit busy={invite.busy}>Send invitation</Submit>
      </form>
    </>
  );
}
