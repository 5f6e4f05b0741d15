// Writing a post (staff): the words, who it is for, photos (each marked with the children it
// shows, as observations are), a pin, and optionally an event families reply to.
import { useState, type ChangeEvent } from "react";
import { useController, useForm, useWatch } from "react-hook-form";
import { useNavigate } from "react-router";
import { idempotencyKey, unwrap } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useMembership, useSession } from "../../session";
import { CameraInput, Checkbox, Empty, ErrorBox, Field, Loaded, Page, Select, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { listChildren, useRooms } from "../staff/shared";
import { newsPath, Radio, type FeedNotice } from "./shared";
import { BLANK_POST, missingFromPost, newPostBody, type PostForm } from "./words";

interface Upload {
  key: string;
  file: File;
  percent: number;
  /** The upload's media id, and the children it was tagged with. */
  mediaId?: string;
  tagged?: string;
}

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

export function ComposePage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { today } = useClock();
  const navigate = useNavigate();
  const manager = useMembership(settingId)?.role === "manager";
  const rooms = useRooms(settingId);
  // Whether this practitioner's post will wait (the same read and key as the manager's pages).
  const settingState = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
  const waits = !manager && settingState.data?.postsNeedApproval === true;
  const { register, handleSubmit, control } = useForm<PostForm>({ defaultValues: BLANK_POST });
  const scope = useWatch({ control, name: "scope" });
  const isEvent = useWatch({ control, name: "isEvent" });
  const date = useWatch({ control, name: "date" });
  const form = useWatch({ control }) as PostForm;
  const { field: roomsField } = useController({ control, name: "rooms" });
  const { field: childrenField } = useController({ control, name: "children" });
  const chosenRooms = roomsField.value;
  const pictured = childrenField.value;
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [waiting, setWaiting] = useState(false);
  // Which room's children the photo picker shows: a filter, not a form value.
  const [pickerRoom, setPickerRoom] = useState("");
  const children = useApiQuery(keys.setting(settingId, "children"), () => listChildren(api, settingId));
  const save = useAction();

  const nameOf = (id: string) => {
    const c = children.data?.find((x) => x.childId === id);
    return c ? `${c.firstName} ${c.lastName}` : "a child";
  };
  const pickFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    setUploads((now) => [...now, ...files.map((file) => ({ key: crypto.randomUUID(), file, percent: 0 }))].slice(0, 10));
    e.target.value = "";
  };
  const progress = (key: string, patch: Partial<Upload>) => setUploads((now) => now.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const submit = handleSubmit(async (f) => {
    if (missingFromPost(f, uploads.length)) return;
    const tag = [...f.children].sort().join(",");
    const post = await save.run(async () => {
      setWaiting(false);
      // Each file is tagged with the children it shows; a file uploaded before the children
      // changed is sent again with the new list.
      const mediaIds: string[] = [];
      for (const u of uploads) {
        if (u.mediaId && u.tagged === tag) {
          mediaIds.push(u.mediaId);
          continue;
        }
        progress(u.key, { percent: 0 });
        const mediaId = await uploadMedia(api, settingId, u.file, f.children, (p) => progress(u.key, { percent: Math.round(p * 100) }));
        progress(u.key, { mediaId, tagged: tag, percent: 100 });
        mediaIds.push(mediaId);
      }
      const body = newPostBody(f, mediaIds);
      return whenMediaReady(
        () => unwrap(api.POST("/v1/settings/{settingId}/posts", { params: { path: { settingId } }, body, headers: idempotencyKey() })),
        () => setWaiting(true),
      );
    });
    setWaiting(false);
    if (!post) return;
    const notice: FeedNotice = {
      done:
        post.status === "pending"
          ? "Sent: your post is waiting for a manager's approval. Families will see it once a manager approves it."
          : post.event
            ? "Published: families can see your event in News and reply to it."
            : "Published: families can see your post in News.",
    };
    navigate(newsPath(settingId), { state: notice });
  });

  const missing = missingFromPost(form, uploads.length);
  const shownChildren = (children.data ?? []).filter((c) => !pickerRoom || c.roomId === pickerRoom);

  return (
    <Page title="Write a post" back={{ to: newsPath(settingId), label: "News" }}>
      {waits && (
        <p className="setup">
          Posts by practitioners wait for a manager's approval here: families will see yours once a manager has approved it.
        </p>
      )}
      <form onSubmit={submit}>
        <TextArea label="What would you like to tell families?" {...register("text", { required: true })} required maxLength={5000} rows={6} />

        <fieldset>
          <legend>Who is it for?</legend>
          <Radio label="Whole nursery" value="setting" {...register("scope")} />
          <Radio label="Chosen rooms" value="rooms" {...register("scope")} />
          {scope === "rooms" && (
            <Loaded state={rooms}>
              {(list) =>
                list.length === 0 ? (
                  <Empty>The setting has no rooms yet.</Empty>
                ) : (
                  <fieldset>
                    <legend>Rooms</legend>
                    {list.map((r) => (
                      <Checkbox
                        key={r.id}
                        label={r.name}
                        checked={chosenRooms.includes(r.id)}
                        onChange={(e) => roomsField.onChange(toggle(chosenRooms, r.id, e.target.checked))}
                        onBlur={roomsField.onBlur}
                      />
                    ))}
                  </fieldset>
                )
              }
            </Loaded>
          )}
        </fieldset>

        <fieldset>
          <legend>Photos and videos (optional)</legend>
          <p className="hint">
            Each photo or video is marked with the children it shows. A family sees it only if every other child in it has their family's consent to
            appear to others; otherwise they see "Photo not shared".
          </p>
          <Loaded state={rooms}>
            {(list) => (
              <Select
                label="Show children in"
                value={pickerRoom}
                onChange={(e) => setPickerRoom(e.target.value)}
                options={[{ value: "", label: "Every room" }, ...list.map((r) => ({ value: r.id, label: r.name }))]}
              />
            )}
          </Loaded>
          <Loaded state={children}>
            {() =>
              shownChildren.length === 0 ? (
                <Empty>No children here.</Empty>
              ) : (
                <fieldset className="checklist">
                  <legend>Children in the photos</legend>
                  {shownChildren.map((c) => (
                    <Checkbox
                      key={c.childId}
                      label={`${c.firstName} ${c.lastName}`}
                      checked={pictured.includes(c.childId)}
                      onChange={(e) => childrenField.onChange(toggle(pictured, c.childId, e.target.checked))}
                      onBlur={childrenField.onBlur}
                    />
                  ))}
                </fieldset>
              )
            }
          </Loaded>
          {pictured.length > 0 && <p className="hint">In the photos: {pictured.map(nameOf).join(", ")}.</p>}
          <div className="field">
            <label htmlFor="post-media">Photos or videos</label>
            <p className="hint" id="post-media-hint">
              {pictured.length === 0 ? "Choose the children in the photos first." : `Up to 10. Each will be marked as showing ${pictured.map(nameOf).join(", ")}.`}
            </p>
            <input
              id="post-media"
              type="file"
              multiple
              accept={ACCEPTED_MEDIA}
              aria-describedby="post-media-hint"
              disabled={pictured.length === 0 || save.busy}
              onChange={pickFiles}
            />
          </div>
          <CameraInput id="post-camera" disabled={pictured.length === 0 || save.busy} onChange={pickFiles} />
          {uploads.length > 0 && (
            <ul className="bare">
              {uploads.map((u) => (
                <li key={u.key} className="file-progress">
                  <span>{u.file.name}</span> <progress max={100} value={u.percent} aria-label={`Uploading ${u.file.name}`} /> <span>{u.percent}%</span>{" "}
                  {!save.busy && (
                    <button type="button" className="link" onClick={() => setUploads((now) => now.filter((x) => x.key !== u.key))}>
                      Remove {u.file.name}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <Checkbox label="Pin to the top of the feed (at most 5 posts are pinned at once)" {...register("pinned")} />
        <Checkbox label="This post is an event families reply to" {...register("isEvent")} />

        {isEvent && (
          <fieldset>
            <legend>The event</legend>
            <Field label="Event title" {...register("title", { required: isEvent })} required maxLength={120} />
            <Field label="Date" type="date" min={today()} {...register("date", { required: isEvent })} required />
            <Field label="Starts at" type="time" {...register("startsAt", { required: isEvent })} required />
            <Field label="Ends at (optional)" type="time" {...register("endsAt")} />
            <Field label="Place" {...register("place", { required: isEvent })} required maxLength={200} />
            <TextArea label="What to bring (optional)" {...register("bring")} rows={2} maxLength={1000} />
            <Field
              label="Places (optional)"
              hint="How many children may come. Leave it empty for no limit."
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              {...register("capacity")}
            />
            <Field
              label="Reply by (optional)"
              hint="The last day families may reply. Without one, replies close at the end of the event's day."
              type="date"
              min={today()}
              max={date || undefined}
              {...register("replyBy")}
            />
          </fieldset>
        )}

        {waiting && save.busy && (
          <p role="status" className="hint">
            Checking the photos…
          </p>
        )}
        <ErrorBox error={save.error} />
        {missing && <p className="hint">{missing}</p>}
        <button type="submit" className="primary" disabled={save.busy || missing !== null} aria-busy={save.busy}>
          {save.busy ? "Sending…" : waits ? "Send for approval" : "Publish the post"}
        </button>
      </form>
    </Page>
  );
}
