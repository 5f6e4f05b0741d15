// The progress check at two. Staff: the key person (or a manager) writes it and shares it with
// the parents; a manager signs it off once they have answered. Parents: they read it once shared,
// add their view and say whether it may go to the health visitor, and download it when signed.
import { useForm } from "react-hook-form";
import { ApiError, idempotencyKey, unwrap, type Api, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Checkbox, Done, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { ageWords } from "./words";

type Check = Schemas["ProgressCheckView"];
type Draft = Schemas["ProgressCheckDraft"];

const STATUS_WORDS: Record<Schemas["ProgressCheckStatus"], string> = {
  draft: "Draft: the family does not see it yet",
  "with-family": "With the family for their view",
  "signed-off": "Signed off",
};

const PARTS: { field: keyof Draft; label: string }[] = [
  { field: "communicationAndLanguage", label: "Communication and language" },
  { field: "physicalDevelopment", label: "Physical development" },
  { field: "personalSocialAndEmotionalDevelopment", label: "Personal, social and emotional development" },
  { field: "strengths", label: "What the child does well" },
  { field: "concerns", label: "Any concerns (leave empty for none)" },
  { field: "actions", label: "What we will do" },
];

function checkPath(settingId: string, childId: string) {
  return { params: { path: { settingId, childId } } };
}

function useCheck(settingId: string, childId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "progress-check", childId), async () => {
    try {
      return await unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/progress-check", checkPath(settingId, childId)));
    } catch (e) {
      // None written yet (or, for a family, none shared yet).
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  });
}

/** Downloads the signed-off check: fetched with the session's token, then saved by the browser. */
async function downloadPdf(api: Api, settingId: string, childId: string, firstName: string) {
  const { data, response } = await api.GET("/v1/settings/{settingId}/children/{childId}/progress-check/pdf", {
    ...checkPath(settingId, childId),
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new Error(`The document could not be fetched (${response.status}).`);
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${firstName}-progress-check-at-two.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Download({ settingId, check }: { settingId: string; check: Check }) {
  const { api } = useSession();
  const download = useAction({ changes: false });
  return (
    <>
      <ErrorBox error={download.error} />
      <button type="button" className="primary" disabled={download.busy} onClick={() => void download.run(() => downloadPdf(api, settingId, check.childId, check.firstName))}>
        {download.busy ? "Please wait…" : "Download the progress check (PDF)"}
      </button>
    </>
  );
}

function Summary({ check }: { check: Check }) {
  const { when } = useClock();
  return (
    <>
      <p>
        {STATUS_WORDS[check.status]} · written by {check.writtenBy.name}, {when(check.writtenAt)} · age {ageWords(check.ageMonths)}
      </p>
      {PARTS.map((p) => (
        <section key={p.field} aria-label={p.label}>
          <h2>{p.field === "strengths" ? `What ${check.firstName} does well` : p.label.replace(" (leave empty for none)", "")}</h2>
          <p className="written wrap">{(check[p.field] as string | null | undefined) || "No concerns."}</p>
        </section>
      ))}
      {check.familyRespondedAt && (
        <section aria-labelledby="family-view-heading">
          <h2 id="family-view-heading">The family's view</h2>
          <p className="written wrap">{check.familyView ?? "No view added."}</p>
          <p className="hint">
            {check.shareWithHealthVisitor ? "The family agreed to share it with the health visitor for the integrated review." : "The family did not agree to share it with the health visitor."}{" "}
            ({check.familyRespondedBy?.name}, {when(check.familyRespondedAt)})
          </p>
        </section>
      )}
      {check.signedOffAt && <p>{`Signed off by ${check.signedOffBy?.name}, ${when(check.signedOffAt)}.`}</p>}
    </>
  );
}

export function StaffProgressCheckPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const manager = useMembership(settingId)?.role === "manager";
  const state = useCheck(settingId, childId);
  const share = useAction();
  const sign = useAction();
  return (
    <Page title="Progress check at two" back={{ to: setting(settingId, `/children/${encodeURIComponent(childId)}/assessment`), label: "Assessment" }}>
      <Loaded state={state}>
        {(check) => (
          <>
            {check && <Summary check={check} />}
            {(!check || check.status !== "signed-off") && <DraftForm settingId={settingId} childId={childId} check={check} />}
            <Done message={share.done ?? sign.done} />
            <ErrorBox error={share.error ?? sign.error} />
            {check?.status === "draft" && (
              <button
                type="button"
                className="primary"
                disabled={share.busy}
                onClick={() =>
                  void share.run(
                    () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/progress-check/share", { ...checkPath(settingId, childId), headers: idempotencyKey() })),
                    "Shared: the parents can read it and add their view.",
                  )
                }
              >
                Share with the family
              </button>
            )}
            {check?.status === "with-family" && manager && (
              <button
                type="button"
                className="primary"
                disabled={sign.busy || !check.familyRespondedAt}
                onClick={() =>
                  void sign.run(
                    () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/progress-check/sign-off", { ...checkPath(settingId, childId), headers: idempotencyKey() })),
                    "Signed off: the family can download it.",
                  )
                }
              >
                {check.familyRespondedAt ? "Sign off the progress check" : "Waiting for the family's view"}
              </button>
            )}
            {check?.status === "signed-off" && <Download settingId={settingId} check={check} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function DraftForm({ settingId, childId, check }: { settingId: string; childId: string; check: Check | null }) {
  const { api } = useSession();
  const save = useAction();
  const { register, handleSubmit } = useForm<Draft>({
    values: {
      communicationAndLanguage: check?.communicationAndLanguage ?? "",
      physicalDevelopment: check?.physicalDevelopment ?? "",
      personalSocialAndEmotionalDevelopment: check?.personalSocialAndEmotionalDevelopment ?? "",
      strengths: check?.strengths ?? "",
      concerns: check?.concerns ?? "",
      actions: check?.actions ?? "",
    },
  });
  const onSave = (d: Draft) =>
    void save.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/children/{childId}/progress-check", { ...checkPath(settingId, childId), body: d, headers: idempotencyKey() })),
      "Saved.",
    );
  return (
    <form onSubmit={handleSubmit(onSave)} aria-label="Write the progress check">
      <h2>{check ? "Change the check" : "Write the check"}</h2>
      <p className="hint">A short summary of the prime areas, the child's strengths, any concerns and what will be done (EYFS 2.3).</p>
      {PARTS.map((p) => (
        <TextArea key={p.field} label={p.label} {...register(p.field, { required: p.field !== "concerns" })} required={p.field !== "concerns"} maxLength={2000} rows={3} />
      ))}
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Save the check</Submit>
    </form>
  );
}

type Answer = { view: string; shareWithHealthVisitor: boolean };

export function FamilyProgressCheckPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const state = useCheck(settingId, childId);
  const answer = useAction();
  const check = state.data;
  const { register, handleSubmit } = useForm<Answer>({
    values: { view: check?.familyView ?? "", shareWithHealthVisitor: check?.shareWithHealthVisitor ?? false },
  });
  const onAnswer = (a: Answer) =>
    void answer.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/children/{childId}/progress-check/family", { ...checkPath(settingId, childId), body: a, headers: idempotencyKey() })),
      "Thank you: your view is with the setting.",
    );
  return (
    <Page title="Progress check at two" back={{ to: setting(settingId, `/children/${encodeURIComponent(childId)}/assessment`), label: "Development" }}>
      <Loaded state={state}>
        {(check) =>
          !check ? (
            <p>The setting has not shared a progress check with you yet.</p>
          ) : (
            <>
              <Summary check={check} />
              {check.status === "with-family" && (
                <form onSubmit={handleSubmit(onAnswer)} aria-label="Your view">
                  <h2>Your view</h2>
                  <TextArea label={`How do you see ${check.firstName}'s development at home? (optional)`} {...register("view")} maxLength={2000} rows={4} />
                  <Checkbox label="Share this check with our health visitor for the integrated review at two" {...register("shareWithHealthVisitor")} />
                  <ErrorBox error={answer.error} />
                  <Done message={answer.done} />
                  <Submit busy={answer.busy}>Send our view</Submit>
                </form>
              )}
              {check.status === "signed-off" && <Download settingId={settingId} check={check} />}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
