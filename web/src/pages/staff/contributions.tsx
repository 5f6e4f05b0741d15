// Families' contributions waiting for staff: approve into the journal, or reject with a reason.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { Done, Empty, ErrorBox, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { CONTRIBUTION_STATUSES, ContributionCard, statusLabel } from "../../ui/contributions";
import { useAction } from "../../ui/hooks";
import { LoadMore } from "../../ui/paging";
import { ChildLinks } from "./shared";

const STATUS_OPTIONS = CONTRIBUTION_STATUSES.map((value) => ({ value, label: statusLabel(value, "staff") }));

export function ContributionsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  // Which list is shown: a filter, not a form.
  const [status, setStatus] = useState<Schemas["ContributionStatus"]>("pending");
  const [message, setMessage] = useState<string | null>(null);
  const contributions = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/contributions", { params: { path: { settingId }, query: { status, limit: 20, ...(cursor ? { cursor } : {}) } } }));
  const list = useApiQuery(keys.setting(settingId, "contributions", status), () => contributions());

  return (
    <Page title="Contributions from families" back={{ to: setting(settingId), label: "Home" }}>
      <p>Photos and notes families add stay out of the journal until a member of staff approves them. A reason for rejecting is shown to the family only.</p>
      <Select
        label="Show"
        value={status}
        onChange={(e) => {
          setMessage(null);
          setStatus(e.target.value as Schemas["ContributionStatus"]);
        }}
        options={STATUS_OPTIONS}
      />
      <Done message={message} />
      <Loaded state={list}>
        {(page) => {
          const items = page.items;
          if (items.length === 0) return <Empty>{status === "pending" ? "Nothing is waiting for approval." : `No ${status} contributions.`}</Empty>;
          return (
            <>
              {items.map((c) => (
                <ContributionCard key={c.contributionId} item={c} audience="staff">
                  {c.status === "pending" && <Decision settingId={settingId} item={c} onDecided={setMessage} />}
                  {c.childFirstName && <ChildLinks settingId={settingId} childId={c.childId} name={c.childFirstName} />}
                </ContributionCard>
              ))}
              <LoadMore state={list} load={contributions} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

type RejectForm = { reason: string };

/** Approve, or reject with a reason; the message outlives the card, which leaves the list. */
function Decision({ settingId, item, onDecided }: { settingId: string; item: Schemas["ContributionView"]; onDecided: (message: string) => void }) {
  const { api } = useSession();
  const child = item.childFirstName ?? "a child";
  const { register, handleSubmit } = useForm<RejectForm>({ defaultValues: { reason: "" } });
  const approve = useAction();
  const reject = useAction();
  const path = { settingId, contributionId: item.contributionId };

  const doApprove = () =>
    void approve
      .run(() => unwrap(api.POST("/v1/settings/{settingId}/contributions/{contributionId}/approve", { params: { path }, headers: idempotencyKey() })))
      .then((ok) => ok && onDecided(`Approved: ${child}'s contribution from ${item.author.name} is in the journal.`));
  const doReject = handleSubmit(async ({ reason }) => {
    const ok = await reject.run(() =>
      unwrap(api.POST("/v1/settings/{settingId}/contributions/{contributionId}/reject", { params: { path }, body: { reason }, headers: idempotencyKey() })),
    );
    if (ok) onDecided(`Rejected: ${item.author.name} will see your reason.`);
  });

  return (
    <>
      <div className="actions">
        <button type="button" className="primary" onClick={doApprove} disabled={approve.busy || reject.busy}>
          {approve.busy ? "Please wait…" : "Approve"}
        </button>
      </div>
      <ErrorBox error={approve.error} />
      <details>
        <summary>Reject…</summary>
        <form onSubmit={doReject}>
          <TextArea label="Reason (shown to the family)" {...register("reason")} required rows={3} />
          <ErrorBox error={reject.error} />
          <Submit busy={reject.busy}>Reject</Submit>
        </form>
      </details>
    </>
  );
}
