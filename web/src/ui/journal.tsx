// A journal entry as families and staff see it: text, areas, media (or the "not shared"
// placeholder where another family's consent hides a photo) and its comment thread.
import { useState, type MouseEvent } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../api/client";
import { keys, useApiQuery } from "../api/queries";
import { useClock, useSession } from "../session";
import { useAction } from "./hooks";
import { Empty, ErrorBox, Loaded, Submit, TextArea, words } from "./components";
import { LoadMore } from "./paging";

/** Nothing to offer on a photo or video shown read-only (a shared tablet): no "save image" menu. */
const noMenu = (e: MouseEvent) => e.preventDefault();

/**
 * Photos and videos of an entry; `shared: false` shows the "not shared" placeholder. `readOnly`
 * (the setting's tablet): shown only, never linked to the original, not draggable, no context
 * menu and no download control.
 */
export function MediaGrid({ media, who, readOnly = false }: { media: Schemas["MediaView"][]; who: string; readOnly?: boolean }) {
  if (media.length === 0) return null;
  return (
    <ul className={readOnly ? "media bare read-only" : "media bare"} aria-label={`Photos and videos from ${who}`}>
      {media.map((m, i) => {
        const label = `from ${who}${i > 0 ? ` (${i + 1})` : ""}`;
        return (
          <li key={m.mediaId}>
            {!m.shared || !m.url ? (
              <div className="not-shared">Photo not shared: another child in it has not been given consent to appear in other journals.</div>
            ) : m.mediaType.startsWith("video/") ? (
              readOnly ? (
                <video
                  controls
                  controlsList="nodownload noremoteplayback"
                  disablePictureInPicture
                  preload="metadata"
                  src={m.url}
                  aria-label={`Video ${label}`}
                  onContextMenu={noMenu}
                />
              ) : (
                <video controls preload="metadata" src={m.url} aria-label={`Video ${label}`} />
              )
            ) : !m.thumbnailUrl && m.mediaType === "image/heic" ? (
              // Browsers cannot show HEIC and it has no thumbnail: offer the file itself (never on a tablet).
              readOnly ? (
                <div className="not-shared">Photo {label}: this kind of photo cannot be shown on the tablet.</div>
              ) : (
                <a className="not-shared" href={m.url} target="_blank" rel="noopener noreferrer">
                  Open photo {label} (HEIC)
                </a>
              )
            ) : readOnly ? (
              <img src={m.thumbnailUrl ?? m.url} alt={`Photo ${label}`} loading="lazy" draggable={false} onContextMenu={noMenu} />
            ) : (
              <a href={m.url} target="_blank" rel="noopener noreferrer">
                <img src={m.thumbnailUrl ?? m.url} alt={`Photo ${label}`} loading="lazy" />
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One entry as shown in `childId`'s journal (its comments are read as that child's family sees
 * them). `readOnly` (the setting's tablet): no comments, media shown only; `level` of its heading.
 */
export function JournalEntryCard({
  settingId,
  childId,
  entry,
  readOnly = false,
  level = 2,
}: {
  settingId: string;
  childId: string;
  entry: Schemas["JournalEntryView"];
  readOnly?: boolean;
  level?: 2 | 3;
}) {
  const { when } = useClock();
  const headingId = `entry-${entry.entryId}`;
  const H = level === 2 ? "h2" : "h3";
  return (
    <article className="entry" aria-labelledby={headingId}>
      <header>
        <H id={headingId}>{entry.entryKind === "contribution" ? `From home, by ${entry.author.name}` : `Observation by ${entry.author.name}`}</H>
        <span>
          {when(entry.publishedAt)}
          {entry.updatedAt !== entry.publishedAt ? ` · changed ${when(entry.updatedAt)}` : ""}
        </span>
      </header>
      <p className="entry-text">{entry.text}</p>
      {entry.areas.length > 0 && (
        <p>
          {entry.areas.map((a) => (
            <span key={a} className="tag">
              {words(a)}
            </span>
          ))}
        </p>
      )}
      {entry.nextSteps && (
        <p>
          <strong>Next steps:</strong> {entry.nextSteps}
        </p>
      )}
      <MediaGrid media={entry.media} who={entry.author.name} readOnly={readOnly} />
      {entry.entryKind === "observation" && !readOnly && <Comments settingId={settingId} childId={childId} observationId={entry.entryId} count={entry.commentCount} />}
    </article>
  );
}

function Comments({ settingId, childId, observationId, count }: { settingId: string; childId: string; observationId: string; count: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{count === 1 ? "1 comment" : `${count} comments`}</summary>
      {open && <Thread settingId={settingId} childId={childId} observationId={observationId} />}
    </details>
  );
}

function Thread({ settingId, childId, observationId }: { settingId: string; childId: string; observationId: string }) {
  const { api } = useSession();
  const path = { settingId, observationId };
  const comments = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/observations/{observationId}/comments", { params: { path, query: { limit: 50, child: childId, ...(cursor ? { cursor } : {}) } } }));
  const { when } = useClock();
  const state = useApiQuery(keys.setting(settingId, "comments", observationId, childId), () => comments());
  const { register, handleSubmit, reset } = useForm<{ text: string }>({ defaultValues: { text: "" } });
  const post = useAction();
  const submit = handleSubmit(({ text }) =>
    post.run(async () => {
      await unwrap(api.POST("/v1/settings/{settingId}/observations/{observationId}/comments", { params: { path, query: { child: childId } }, body: { text }, headers: idempotencyKey() }));
      reset();
      state.reload();
    }),
  );
  return (
    <>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No comments yet.</Empty>
          ) : (
            <>
              <ul className="comments">
                {page.items.map((c) => (
                  <li key={c.commentId}>
                    <strong>{c.author.name}</strong> <span className="hint">{when(c.createdAt)}</span>
                    <p>{c.text}</p>
                  </li>
                ))}
              </ul>
              <LoadMore state={state} load={comments} label="Load later comments" />
            </>
          )
        }
      </Loaded>
      <form onSubmit={submit}>
        <ErrorBox error={post.error} />
        <TextArea label="Add a comment" {...register("text")} required rows={2} />
        <Submit busy={post.busy}>Post comment</Submit>
      </form>
    </>
  );
}

/** A child's journal, newest first, a page at a time. */
export function JournalList({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const path = { settingId, childId };
  const journal = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/journal", { params: { path, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
  const state = useApiQuery(keys.setting(settingId, "journal", childId), () => journal());
  return (
    <Loaded state={state}>
      {(page) => (
        <>
          <p className="hint">Key person: {page.keyPerson.name}</p>
          {page.items.length === 0 && <Empty>Nothing in {page.firstName}'s journal yet.</Empty>}
          {page.items.map((entry) => (
            <JournalEntryCard key={entry.entryId} settingId={settingId} childId={childId} entry={entry} />
          ))}
          <LoadMore state={state} load={journal} label="Load older entries" />
        </>
      )}
    </Loaded>
  );
}
