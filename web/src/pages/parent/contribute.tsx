import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { MediaGrid } from "../../ui/journal";
import { LoadMore } from "../../ui/paging";
import { childBase, useChild } from "./child";

interface Upload {
  name: string;
  progress: number;
}

/** A contribution from home: words and photos, shown to staff to approve before it joins the journal. */
export function ContributePage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const child = useChild(settingId, childId);
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [stage, setStage] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const send = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send.run(async () => {
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
      await whenMediaReady(() =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/contributions", {
            params: { path: { settingId, childId } },
            body: { text, mediaIds },
            headers: key,
          }),
        ),
      );
      setText("");
      setFiles([]);
      setUploads([]);
      setInputKey((k) => k + 1);
      setStage(null);
    }, "Thank you! Your contribution is waiting for the setting to approve it.").finally(() => setStage(null));
  };

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
            <TextArea label="What happened?" value={text} onChange={(e) => setText(e.target.value)} required maxLength={5000} />
            <div className="field">
              <label htmlFor="contribution-files">Photos or videos (optional)</label>
              <p className="hint" id="contribution-files-hint">
                Up to 10. Photos up to 20 MB, videos up to 200 MB. Location data is removed from every file.
              </p>
              <input
                key={inputKey}
                id="contribution-files"
                type="file"
                multiple
                accept={ACCEPTED_MEDIA}
                aria-describedby="contribution-files-hint"
                onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 10))}
              />
            </div>
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

const STATUS: Record<Schemas["ContributionStatus"], string> = {
  pending: "Waiting for approval",
  approved: "In the journal",
  rejected: "Not added",
};

export function ContributionsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const { when } = useClock();
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
                <article key={c.contributionId} className="entry" aria-label={`Contribution of ${when(c.createdAt)}`}>
                  <header>
                    <span className={`tag status-${c.status}`}>{STATUS[c.status]}</span>
                    <span>{when(c.createdAt)}</span>
                  </header>
                  <p>{c.text}</p>
                  {c.rejectionReason && (
                    <p>
                      <strong>Why it was not added:</strong> {c.rejectionReason}
                    </p>
                  )}
                  <MediaGrid media={c.media} who={c.author.name} />
                </article>
              ))}
              <LoadMore state={state} load={contributions} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
