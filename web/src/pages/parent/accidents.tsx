// A child's accidents, once a manager has reviewed them; the parents acknowledge each.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Empty, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { LoadMore } from "../../ui/paging";
import { childBase } from "./child";

type Props = { settingId: string; childId: string };

export function AccidentsPage({ settingId, childId }: Props) {
  const { api } = useSession();
  const accidents = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/accidents", { params: { path: { settingId, childId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
  const state = useApiQuery(keys.setting(settingId, "accidents", childId), () => accidents());
  return (
    <Page title="Accidents" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No accidents recorded.</Empty>
          ) : (
            <>
              {page.items.map((a) => (
                <Accident key={a.accidentId} settingId={settingId} accident={a} onDone={state.reload} />
              ))}
              <LoadMore state={state} load={accidents} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function Accident({ settingId, accident: a, onDone }: { settingId: string; accident: Schemas["AccidentView"]; onDone: () => void }) {
  const { api, me } = useSession();
  const { when } = useClock();
  const [comment, setComment] = useState("");
  const ack = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void ack.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/accidents/{accidentId}/acknowledge", {
          params: { path: { settingId, accidentId: a.accidentId } },
          body: { comment: comment || null },
          headers: idempotencyKey(),
        }),
      );
      onDone();
    });
  };
  return (
    <article className="entry" aria-label={`Accident on ${when(a.happenedAt)}`}>
      <header>
        <h2>{when(a.happenedAt)}</h2>
        {a.serious && <span className="tag status-breach">Serious</span>}
      </header>
      <dl className="facts">
        <dt>Where</dt>
        <dd>{a.place}</dd>
        <dt>What happened</dt>
        <dd>{a.whatHappened}</dd>
        <dt>Injury</dt>
        <dd>{a.injury}</dd>
        <dt>First aid</dt>
        <dd>{a.firstAid}</dd>
        {a.reviewNotes && (
          <>
            <dt>Manager's notes</dt>
            <dd>{a.reviewNotes}</dd>
          </>
        )}
      </dl>
      {a.status === "acknowledged" ? (
        <p>
          {a.acknowledgedBy === me.userId ? "You" : "Another parent"} acknowledged this on {when(a.acknowledgedAt)}.
          {a.acknowledgementComment ? ` Comment: ${a.acknowledgementComment}` : ""}
        </p>
      ) : (
        <form onSubmit={submit}>
          <ErrorBox error={ack.error} />
          <TextArea label="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
          <Submit busy={ack.busy}>I have read this</Submit>
        </form>
      )}
    </article>
  );
}

