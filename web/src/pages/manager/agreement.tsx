// Publishing a new version of the acceptable-use agreement.
import { useEffect, useState } from "react";
import { idempotencyKey, unwrap } from "../../api/client";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { useAction, useLoad } from "../../ui/hooks";
import { Done, ErrorBox, Loaded, Page, TextArea, when } from "../../ui/components";
import { Confirm, useConfirm } from "./common";

export function AgreementEditPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const state = useLoad(() => unwrap(api.GET("/v1/settings/{settingId}/agreement", { params: { path: { settingId } } })), [settingId]);
  const [text, setText] = useState("");
  const confirm = useConfirm();
  const publish = useAction();
  useEffect(() => {
    if (state.data) setText(state.data.text);
  }, [state.data]);
  const unchanged = state.data !== undefined && text.trim() === state.data.text.trim();
  const doPublish = () =>
    void publish.run(async () => {
      const published = await unwrap(
        api.PUT("/v1/settings/{settingId}/agreement", { params: { path: { settingId } }, body: { text }, headers: idempotencyKey() }),
      );
      confirm.cancel();
      state.setData(published);
    }, "The new version is published. Parents and family must accept it before they can see anything again.");
  return (
    <Page title="Acceptable-use agreement" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={state}>
        {(agreement) => (
          <>
            <h2>Current version</h2>
            <p className="hint">
              Version {agreement.version}, published {when(agreement.publishedAt)}.
            </p>
            <article className="agreement">
              {agreement.text.split(/\n{2,}/).map((para, i) => (
                <p key={i} className="pre">
                  {para}
                </p>
              ))}
            </article>
            <h2>Publish a new version</h2>
            <div className="setup">
              <p>
                <strong>Every parent and family member must accept the new version</strong> before they can see their child's records again.
                Until they do, they see only the agreement and are not emailed about the journal.
              </p>
            </div>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                confirm.ask();
              }}
            >
              <TextArea
                label="Agreement text"
                hint="Leave a blank line between paragraphs."
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={14}
                required
              />
              {!confirm.asking && (
                <button type="submit" className="primary" disabled={unchanged}>
                  Publish new version…
                </button>
              )}
              {unchanged && !confirm.asking && <p className="hint">Change the text to publish a new version.</p>}
            </form>
            {confirm.asking && (
              <Confirm confirmLabel={`Yes, publish version ${agreement.version + 1}`} busy={publish.busy} onConfirm={doPublish} onCancel={confirm.cancel}>
                <p>Every parent and family member at this setting will have to accept it again before seeing anything.</p>
              </Confirm>
            )}
            <ErrorBox error={publish.error} />
            <Done message={publish.done} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
