// News: the setting's feed for every role, pinned posts first, then the newest. Staff write
// posts from here; managers approve practitioners' posts that wait, and decide whether they must.
import { useForm } from "react-hook-form";
import { Link, useLocation } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting, type Role } from "../../routes";
import { useMembership, useSession } from "../../session";
import { Checkbox, Done, Empty, ErrorBox, Loaded, Page, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { LoadMore } from "../../ui/paging";
import { loadFeed, newsPath, PostCard, PostLink, useRoomNames, type FeedNotice } from "./shared";

export function FeedPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const role = useMembership(settingId)?.role ?? "parent";
  const staff = role === "manager" || role === "practitioner";
  const roomName = useRoomNames(settingId, staff);
  // A post just written or withdrawn on another page: what became of it.
  const notice = (useLocation().state as FeedNotice | null)?.done ?? null;
  const feed = (cursor?: string) => loadFeed(api, settingId, "published", cursor);
  const state = useApiQuery(keys.setting(settingId, "posts", "published"), () => feed());

  return (
    <Page title="News" back={{ to: setting(settingId), label: "Home" }}>
      <Done message={notice} />
      {staff && (
        <p>
          <Link to={newsPath(settingId, "/new")}>Write a post</Link>
        </p>
      )}
      {staff && <Waiting settingId={settingId} role={role} roomName={roomName} />}
      <Loaded state={state}>
        {(page) => {
          const pinnedIds = new Set(page.pinned.map((p) => p.postId));
          // A pinned post heads the first page; a later page may list it again in its place.
          const rest = page.items.filter((p) => !pinnedIds.has(p.postId));
          return (
            <>
              {page.pinned.length > 0 && (
                <section aria-labelledby="pinned-heading">
                  <h2 id="pinned-heading">Pinned</h2>
                  {page.pinned.map((post) => (
                    <PostCard key={post.postId} post={post} roomName={roomName}>
                      <PostLink settingId={settingId} post={post} role={role} />
                    </PostCard>
                  ))}
                </section>
              )}
              <section aria-labelledby="latest-heading">
                <h2 id="latest-heading">Latest news</h2>
                {rest.length === 0 && <Empty>{page.pinned.length ? "Nothing else yet." : "Nothing has been posted yet."}</Empty>}
                {rest.map((post) => (
                  <PostCard key={post.postId} post={post} roomName={roomName}>
                    <PostLink settingId={settingId} post={post} role={role} />
                  </PostCard>
                ))}
                <LoadMore state={state} load={feed} label="Load older news" />
              </section>
            </>
          );
        }}
      </Loaded>
      {role === "manager" && <FeedPolicy settingId={settingId} />}
    </Page>
  );
}

/**
 * Posts waiting for approval: every one, for a manager to approve; a practitioner's own, so
 * they know what families do not see yet (shown only when there are some).
 */
function Waiting({ settingId, role, roomName }: { settingId: string; role: Role; roomName?: (id: string) => string | undefined }) {
  const { api } = useSession();
  const manager = role === "manager";
  const pending = (cursor?: string) => loadFeed(api, settingId, "pending", cursor);
  const state = useApiQuery(keys.setting(settingId, "posts", "pending"), () => pending());
  const approve = useAction();
  const doApprove = (post: Schemas["PostView"]) =>
    void approve.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/posts/{postId}/approve", { params: { path: { settingId, postId: post.postId } }, headers: idempotencyKey() })),
      `Approved: ${post.author.name}'s post is published, and families can see it now.`,
    );
  if (!manager && (!state.data || state.data.items.length === 0)) return null;
  return (
    <section aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">{manager ? "Posts waiting for approval" : "Your posts waiting for approval"}</h2>
      {!manager && <p className="hint">Families see these once a manager approves them.</p>}
      <Done message={approve.done} />
      <ErrorBox error={approve.error} />
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nothing is waiting for approval.</Empty>
          ) : (
            <>
              {page.items.map((post) => (
                <PostCard key={post.postId} post={post} roomName={roomName}>
                  <div className="actions">
                    {manager && (
                      <button type="button" className="primary" disabled={approve.busy} onClick={() => doApprove(post)}>
                        {approve.busy ? "Please wait…" : "Approve"}
                      </button>
                    )}
                  </div>
                  <PostLink settingId={settingId} post={post} role={role} />
                </PostCard>
              ))}
              <LoadMore state={state} load={pending} label="Load more waiting posts" />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

/** Whether practitioners' posts wait for a manager: the setting's read, saved with feed-policy. */
function FeedPolicy({ settingId }: { settingId: string }) {
  const { api } = useSession();
  // The same read (and key) as the manager's home and premises pages.
  const state = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
  // Here, not in the form: saving starts a fresh form, and the message stays.
  const save = useAction();
  const onSave = (postsNeedApproval: boolean) =>
    void save.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/feed-policy", { params: { path: { settingId } }, body: { postsNeedApproval }, headers: idempotencyKey() })),
      postsNeedApproval
        ? "Saved. Practitioners' posts now wait for a manager's approval before families see them."
        : "Saved. Practitioners' posts are now published at once. Posts already waiting still wait for approval.",
    );
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Approval of practitioners' posts</h2>
      <p>Managers' posts are always published at once. You can ask for practitioners' posts to wait until a manager has approved them.</p>
      {/* Keyed by version: a saved (or otherwise changed) setting starts the form afresh. */}
      <Loaded state={state}>{(s) => <PolicyForm key={s.version} current={s.postsNeedApproval} save={save} onSave={onSave} />}</Loaded>
    </section>
  );
}

function PolicyForm({ current, save, onSave }: { current: boolean; save: ReturnType<typeof useAction>; onSave: (value: boolean) => void }) {
  const { register, handleSubmit } = useForm<{ postsNeedApproval: boolean }>({ defaultValues: { postsNeedApproval: current } });
  return (
    <form onSubmit={handleSubmit(({ postsNeedApproval }) => onSave(postsNeedApproval))}>
      <Checkbox label="Practitioners' posts wait for a manager's approval" {...register("postsNeedApproval")} />
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Save approval setting</Submit>
    </form>
  );
}
