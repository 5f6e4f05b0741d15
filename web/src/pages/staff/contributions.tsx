// Families' contributions waiting for staff: approve into the journal, or reject with a reason.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Done, Empty, ErrorBox, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { MediaGrid } from "../../ui/journal";
import { LoadMore } from "../../ui/paging";
import { Card, ChildLinks } from "./shared";

const STATUSES: { value: Schemas["ContributionStatus"]; label: string }[] = [
  { value: "pending", label: "Waiting for approval" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
];

export function ContributionsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const [status, setStatus] = useState<Schemas["ContributionStatus"]>("pending");
  const [message, setMessage] = useState<string | null>(null);
  const contributions = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/contributions", { params: { path: { settingId }, query: { status, limit: 20, ...(cursor ? { cursor } : {}) } } }));
  const list = useApiQuery(keys.setting(settingId, "contributions", status), () => contributions());
  const decided = (text: string) => {
    setMessage(text);
    list.reload();
  };

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
        options={STATUSES}
      />
      <Done message={message} />
      <Loaded state={list}>
        {(page) => {
          const items = page.items;
          if (items.length === 0) return <Empty>{status === "pending" ? "Nothing is waiting for approval." : `No ${status} contributions.`}</Empty>;
          return (
            <>
              {items.map((c) => (
                <Contribution key={c.contributionId} settingId={settingId} item={c} onDecided={decided} />
              ))}
              <LoadMore state={list} load={contributions} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

function Contribution({ settingId, item, onDecided }: { settingId: string; item: Schemas["ContributionView"]; onDecided: (message: string) => void }) {
  const { api } = useSession();
  const { when } = useClock();
  const child = item.childFirstName ?? "a child";
  const [reason, setReason] = useState("");
  const approve = useAction();
  const reject = useAction();
  const path = { settingId, contributionId: item.contributionId };

  const doApprove = () =>
    void approve
      .run(() => unwrap(api.POST("/v1/settings/{settingId}/contributions/{contributionId}/approve", { params: { path }, headers: idempotencyKey() })))
      .then((ok) => ok && onDecided(`Approved: ${child}'s contribution from ${item.author.name} is in the journal.`));
  const doReject = (e: FormEvent) => {
    e.preventDefault();
    void reject
      .run(() =>
        unwrap(api.POST("/v1/settings/{settingId}/contributions/{contributionId}/reject", { params: { path }, body: { reason }, headers: idempotencyKey() })),
      )
      .then((ok) => ok && onDecided(`Rejected: ${item.author.name} will see your reason.`));
  };

  return (
    <Card heading={`${child}: from ${item.author.name}`}>
      <p className="hint">
        Sent {when(item.createdAt)} · <span className={`tag status-${item.status}`}>{statusLabel(item.status)}</span>
        {item.decidedAt ? ` · decided ${when(item.decidedAt)}` : ""}
      </p>
      <p className="written">{item.text}</p>
      <MediaGrid media={item.media} who={item.author.name} />
      {item.rejectionReason && (
        <p>
          <strong>Reason given to the family:</strong> {item.rejectionReason}
        </p>
      )}
      {item.status === "pending" && (
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
              <TextArea label="Reason (shown to the family)" value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} />
              <ErrorBox error={reject.error} />
              <Submit busy={reject.busy}>Reject</Submit>
            </form>
          </details>
        </>
      )}
      {item.childFirstName && <ChildLinks settingId={settingId} childId={item.childId} name={item.childFirstName} />}
    </Card>
  );
}

function statusLabel(status: string) {
  return STATUSES.find((s) => s.value === status)?.label ?? status;
}
