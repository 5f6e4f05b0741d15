// Faults: reports from anyone in the setting that something may put privacy at risk.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, Empty, ErrorBox, Loaded, Page, Select, Submit, TextArea, words } from "../../ui/components";
import { LoadMore, Tag } from "./common";

export function FaultsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const [status, setStatus] = useState<Schemas["FaultStatus"]>("open");
  const load = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/faults", { params: { path: { settingId }, query: { status, limit: 50, cursor } } }));
  const list = useApiQuery(keys.setting(settingId, "faults", status), () => load());
  return (
    <Page title="Faults" back={{ to: setting(settingId), label: "Home" }}>
      <Select
        label="Show"
        value={status}
        onChange={(e) => setStatus(e.target.value as Schemas["FaultStatus"])}
        options={[
          { value: "open", label: "Open faults" },
          { value: "confirmed-fixed", label: "Confirmed fixed" },
        ]}
      />
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{status === "open" ? "No open faults." : "No faults confirmed fixed yet."}</Empty>
          ) : (
            <>
              {page.items.map((f) => (
                <Fault key={f.faultId} settingId={settingId} fault={f} onChange={list.reload} />
              ))}
              <LoadMore state={list} load={load} />
            </>
          )
        }
      </Loaded>
      <ReportFault settingId={settingId} onReported={list.reload} />
    </Page>
  );
}

function Fault({ settingId, fault: f, onChange }: { settingId: string; fault: Schemas["FaultView"]; onChange: () => void }) {
  const { api } = useSession();
  const { when } = useClock();
  const [notes, setNotes] = useState("");
  const resolve = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void resolve.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/faults/{faultId}/resolve", {
          params: { path: { settingId, faultId: f.faultId } },
          body: { notes },
          headers: idempotencyKey(),
        }),
      );
      setNotes("");
      onChange();
    }, "The fault is confirmed fixed.");
  };
  return (
    <article className="entry">
      <header>
        <span>
          Reported by {f.reportedByName} ({words(f.reportedByRole)}), {when(f.reportedAt)}
        </span>
        <Tag status={f.status === "open" ? "pending" : "ok"}>{f.status === "open" ? "Open" : "Confirmed fixed"}</Tag>
      </header>
      <h2 className="entry-title">{f.privacyAffected ? "May affect privacy" : "Fault"}</h2>
      <p className="pre">{f.description}</p>
      <h3>History</h3>
      <ol>
        {f.history.map((h, i) => (
          <li key={i}>
            {when(h.at)}: {words(h.step)} by {h.byName}
            {h.note ? `: ${h.note}` : ""}
          </li>
        ))}
      </ol>
      <Done message={resolve.done} />
      {f.status === "open" && (
        <form onSubmit={submit}>
          <TextArea label="What was done to fix it" value={notes} onChange={(e) => setNotes(e.target.value)} required />
          <ErrorBox error={resolve.error} />
          <Submit busy={resolve.busy}>Confirm fixed</Submit>
        </form>
      )}
    </article>
  );
}

function ReportFault({ settingId, onReported }: { settingId: string; onReported: () => void }) {
  const { api } = useSession();
  const [description, setDescription] = useState("");
  const [privacyAffected, setPrivacyAffected] = useState(false);
  const report = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void report.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/faults", {
          params: { path: { settingId } },
          body: { description, privacyAffected },
          headers: idempotencyKey(),
        }),
      );
      setDescription("");
      setPrivacyAffected(false);
      onReported();
    }, "The fault is reported. Every manager has been emailed.");
  };
  return (
    <>
      <h2>Report a fault</h2>
      <form onSubmit={submit}>
        <TextArea label="What is wrong?" value={description} onChange={(e) => setDescription(e.target.value)} required />
        <Checkbox label="It may let someone see information they should not" checked={privacyAffected} onChange={(e) => setPrivacyAffected(e.target.checked)} />
        <ErrorBox error={report.error} />
        <Done message={report.done} />
        <Submit busy={report.busy}>Report fault</Submit>
      </form>
    </>
  );
}
