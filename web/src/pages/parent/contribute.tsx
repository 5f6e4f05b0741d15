import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { CameraInput, Checkbox, Done, Empty, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { AREA_WORDS } from "../assessment/words";
import { AREAS } from "../staff/shared";
import { ContributionCard } from "../../ui/contributions";
import { LoadMore } from "../../ui/paging";
import { childBase, useChild } from "./child";

interface Upload {
  name: string;
  progress: number;
}

type ContributionForm = { text: string; areas: Schemas["AreaOfLearning"][]; files: FileList | null; camera: FileList | null };
// Resetting to no files also empties the file inputs.
const BLANK_CONTRIBUTION: ContributionForm = { text: "", areas: [], files: null, camera: null };

/** A contribution from home: words and photos, shown to staff to approve before it joins the journal. */
export function ContributePage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const child = useChild(settingId, childId);
  const { register, handleSubmit, reset } = useForm<ContributionForm>({ defaultValues: BLANK_CONTRIBUTION });
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [stage, setStage] = useState<string | null>(null);
  const send = useAction();

  const submit = handleSubmit(async ({ text, areas, files: picked, camera }) => {
    const files = [...Array.from(picked ?? []), ...Array.from(camera ?? [])].slice(0, 10);
    const sent = await send
      .run(async () => {
        setUploads(files.map((f) => ({ name: f.name, progress: 0 })));
        const mediaIds: string[] = [];
        for (const [i, file] of files.entries()) {
          setStage(`Uploading ${file.name}`);
          mediaIds.push(
            await uploadMedia(api, settingId, file, [childId], (p) => setUploads((list) => list.map((u, j) => (j === i ? { ...u, progress: p } : u)))),
          );
        }
        setStage(mediaIds.length ? "Checking your photos" : "Sending");
        const key = idempotencyKey();
        return whenMediaReady(() =>
          unwrap(
            api.POST("/v1/settings/{settingId}/children/{childId}/contributions", {
              params: { path: { settingId, childId } },
              body: { text, mediaIds, areas },
              headers: key,
            }),
          ),
        );
      }, "Thank you! Your contribution is waiting for the setting to approve it.")
      .finally(() => setStage(null));
    if (!sent) return;
    reset(BLANK_CONTRIBUTION);
    setUploads([]);
  });

  return (
    <Page title="Add to the journal" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <Loaded state={child}>
        {(c) => (
          <form onSubmit={submit}>
            <p>Share something {c.firstName} did at home. Staff look at it before it appears in the journal.</p>
            <ErrorBox error={send.error} />
            <Done message={send.done} />
            {send.done && (
              <p>
                <Link to={`${childBase(settingId, childId)}/contributions`}>See what you have added</Link>
              </p>
            )}
            <TextArea label="What happened?" {...register("text")} required maxLength={5000} />
            <fieldset>
              <legend>A "wow moment"? What it shows (optional)</legend>
              {AREAS.map((a) => (
                <Checkbox key={a} label={AREA_WORDS[a]} value={a} {...register("areas")} />
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="contribution-files">Photos or videos (optional)</label>
              <p className="hint" id="contribution-files-hint">
                Up to 10. Photos up to 20 MB, videos up to 200 MB. Location data is removed from every file.
              </p>
              <input id="contribution-files" type="file" multiple accept={ACCEPTED_MEDIA} aria-describedby="contribution-files-hint" {...register("files")} />
            </div>
            <CameraInput id="contribution-camera" {...register("camera")} />
            {uploads.map((u, i) => (
              <div key={`${i}-${u.name}`} className="field">
                <label>
                  {u.name}: {Math.round(u.progress * 100)}%
                  <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
                </label>
              </div>
            ))}
            {stage && (
              <p role="status" className="loading">
                {stage}…
              </p>
            )}
            <Submit busy={send.busy}>Send to the setting</Submit>
          </form>
        )}
      </Loaded>
    </Page>
  );
}

export function ContributionsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const contributions = (cursor?: string) =>
    unwrap(
      api.GET("/v1/settings/{settingId}/children/{childId}/contributions", { params: { path: { settingId, childId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
    );
  const state = useApiQuery(keys.setting(settingId, "contributions", childId), () => contributions());
  return (
    <Page title="What you have added" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nothing yet.</Empty>
          ) : (
            <>
              {page.items.map((c) => (
                <ContributionCard key={c.contributionId} item={c} audience="family" />
              ))}
              <LoadMore state={state} load={contributions} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
