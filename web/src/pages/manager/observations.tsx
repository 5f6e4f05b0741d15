// Reviewing observations: every one, unpublished ones too, with a way to take one down.
import { useState } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, words } from "../../ui/components";
import { Confirm, LoadMore, useConfirm, useDirectory, type Directory } from "./common";

export function ObservationsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const directory = useDirectory(settingId);
  const dir = directory.data;
  const [author, setAuthor] = useState("");
  const [child, setChild] = useState("");
  const [date, setDate] = useState("");
  const load = (cursor?: string) =>
    unwrap(
      api.GET("/v1/settings/{settingId}/observations", {
        params: { path: { settingId }, query: { author: author || undefined, child: child || undefined, date: date || undefined, limit: 20, cursor } },
      }),
    );
  const list = useApiQuery(keys.setting(settingId, "observations", author, child, date), () => load());
  return (
    <Page title="Review observations" back={{ to: setting(settingId), label: "Home" }}>
      <ErrorBox error={directory.error} />
      <fieldset>
        <legend>Show only</legend>
        <Select
          label="Written by"
          value={author}
          onChange={(e) => setAuthor(e.target.value)}
          options={[{ value: "", label: "Anyone" }, ...(dir?.staff ?? []).map((s) => ({ value: s.userId, label: s.name }))]}
        />
        <Select
          label="About child"
          value={child}
          onChange={(e) => setChild(e.target.value)}
          options={[{ value: "", label: "Any child" }, ...(dir?.children ?? []).map((c) => ({ value: c.childId, label: `${c.firstName} ${c.lastName}` }))]}
        />
        <Field label="On date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </fieldset>
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No observations match.</Empty>
          ) : (
            <>
              {page.items.map((o) => (
                <Observation key={o.observationId} settingId={settingId} observation={o} dir={dir} />
              ))}
              <LoadMore state={list} load={load} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function Observation({ settingId, observation: o, dir }: { settingId: string; observation: Schemas["ObservationView"]; dir?: Directory }) {
  const { api } = useSession();
  const { when } = useClock();
  const confirm = useConfirm();
  const remove = useAction();
  const unpublish = () =>
    void remove.run(async () => {
      await unwrap(
        api.DELETE("/v1/settings/{settingId}/observations/{observationId}", {
          params: { path: { settingId, observationId: o.observationId } },
          headers: idempotencyKey(),
        }),
      );
      confirm.cancel();
    }, "The observation is unpublished: it is gone from every journal and kept here for review.");
  return (
    <article className="entry">
      <header>
        <span>
          {o.author.name}, {when(o.publishedAt)}
        </span>
        <span className={`tag ${o.published ? "status-ok" : "status-revoked"}`}>{o.published ? "Published" : "Unpublished"}</span>
      </header>
      <h2 className="entry-title">{o.children.map((c) => dir?.childName(c) ?? "Child").join(", ")}</h2>
      <p className="pre">{o.text}</p>
      {o.nextSteps && (
        <p>
          <strong>Next steps:</strong> {o.nextSteps}
        </p>
      )}
      <p>
        {o.areas.map((a) => (
          <span key={a} className="tag">
            {words(a)}
          </span>
        ))}
      </p>
      <p className="hint">
        {o.media.length} photo{o.media.length === 1 ? "" : "s"} or video{o.media.length === 1 ? "" : "s"} · {o.commentCount} comment
        {o.commentCount === 1 ? "" : "s"} · {o.history.length === 0 ? "never edited" : `${o.history.length} earlier version${o.history.length === 1 ? "" : "s"}`}
      </p>
      {o.history.length > 0 && (
        <details>
          <summary>Earlier versions</summary>
          {o.history.map((h) => (
            <div key={h.version}>
              <h3>
                Version {h.version}, changed {when(h.at)}
                {dir ? ` by ${dir.staffName(h.by)}` : ""}
              </h3>
              <p className="pre">{h.text}</p>
            </div>
          ))}
        </details>
      )}
      <Done message={remove.done} />
      {o.published && !confirm.asking && (
        <div className="actions">
          <button type="button" className="danger" onClick={confirm.ask}>
            Unpublish…
          </button>
        </div>
      )}
      {confirm.asking && (
        <Confirm confirmLabel="Yes, unpublish" busy={remove.busy} onConfirm={unpublish} onCancel={confirm.cancel}>
          <p>
            It will disappear from every child's journal and its photos will no longer be shown to families. It is kept here and in the access log.
            This cannot be undone.
          </p>
        </Confirm>
      )}
      <ErrorBox error={remove.error} />
    </article>
  );
}
