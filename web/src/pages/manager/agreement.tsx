// Publishing a new version of the acceptable-use agreement.
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, ErrorBox, Loaded, Page, TextArea } from "../../ui/components";
import { Confirm, useConfirm } from "./common";

export function AgreementEditPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { when } = useClock();
  const state = useApiQuery(keys.setting(settingId, "agreement"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/agreement", { params: { path: { settingId } } })),
  );
  // Here, not in the form: publishing starts a fresh form, and the confirmation and message stay.
  const confirm = useConfirm();
  const publish = useAction();
  const doPublish = (text: string) =>
    void publish.run(async () => {
      const published = await unwrap(
        api.PUT("/v1/settings/{settingId}/agreement", { params: { path: { settingId } }, body: { text }, headers: idempotencyKey() }),
      );
      confirm.cancel();
      state.setData(() => published);
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
            {/* Keyed by version: a newly published one starts the text afresh; a reload of the same one keeps what is typed. */}
            <AgreementForm key={agreement.version} agreement={agreement} confirm={confirm} busy={publish.busy} onPublish={doPublish} />
            <ErrorBox error={publish.error} />
            <Done message={publish.done} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The text to publish, starting from the current version's. */
function AgreementForm({
  agreement,
  confirm,
  busy,
  onPublish,
}: {
  agreement: Schemas["AgreementView"];
  confirm: ReturnType<typeof useConfirm>;
  busy: boolean;
  onPublish: (text: string) => void;
}) {
  const { register, handleSubmit, getValues, control } = useForm<{ text: string }>({ defaultValues: { text: agreement.text } });
  const unchanged = useWatch({ control, name: "text" }).trim() === agreement.text.trim();
  return (
    <>
      <form onSubmit={handleSubmit(confirm.ask)}>
        <TextArea label="Agreement text" hint="Leave a blank line between paragraphs." {...register("text")} rows={14} required />
        {!confirm.asking && (
          <button type="submit" className="primary" disabled={unchanged}>
            Publish new version…
          </button>
        )}
        {unchanged && !confirm.asking && <p className="hint">Change the text to publish a new version.</p>}
      </form>
      {confirm.asking && (
        <Confirm confirmLabel={`Yes, publish version ${agreement.version + 1}`} busy={busy} onConfirm={() => onPublish(getValues("text"))} onCancel={confirm.cancel}>
          <p>Every parent and family member at this setting will have to accept it again before seeing anything.</p>
        </Confirm>
      )}
    </>
  );
}
