// Faults: reports from anyone in the setting that something may put privacy at risk.
import { useState } from "react";
import { useForm } from "react-hook-form";
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
                <Fault key={f.faultId} settingId={settingId} fault={f} />
              ))}
              <LoadMore state={list} load={load} />
            </>
          )
        }
      </Loaded>
      <ReportFault settingId={settingId} />
    </Page>
  );
}

function Fault({ settingId, fault: f }: { settingId: string; fault: Schemas["FaultView"] }) {
  const { api } = useSession();
  const { when } = useClock();
  const { register, handleSubmit, reset } = useForm<{ notes: string }>({ defaultValues: { notes: "" } });
  const resolve = useAction();
  const submit = handleSubmit(({ notes }) =>
    resolve.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/faults/{faultId}/resolve", {
          params: { path: { settingId, faultId: f.faultId } },
          body: { notes },
          headers: idempotencyKey(),
        }),
      );
      reset();
    }, "The fault is confirmed fixed."),
  );
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
          <TextArea label="What was done to fix it" {...register("notes")} required />
          <ErrorBox error={resolve.error} />
          <Submit busy={resolve.busy}>Confirm fixed</Submit>
        </form>
      )}
    </article>
  );
}

type FaultForm = { description: string; privacyAffected: boolean };

function ReportFault({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<FaultForm>({ defaultValues: { description: "", privacyAffected: false } });
  const report = useAction();
  const submit = handleSubmit((f) =>
    report.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/faults", {
          params: { path: { settingId } },
          body: { description: f.description, privacyAffected: f.privacyAffected },
          headers: idempotencyKey(),
        }),
      );
      reset();
    }, "The fault is reported. Every manager has been emailed."),
  );
  return (
    <>
      <h2>Report a fault</h2>
      <form onSubmit={submit}>
        <TextArea label="What is wrong?" {...register("description")} required />
        <Checkbox label="It may let someone see information they should not" {...register("privacyAffected")} />
        <ErrorBox error={report.error} />
        <Done message={report.done} />
        <Submit busy={report.busy}>Report fault</Submit>
      </form>
    </>
  );
}
