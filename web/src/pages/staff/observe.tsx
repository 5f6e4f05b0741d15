// Recording an observation: the children, what happened, the areas of learning, photos/videos.
import { useState, type ChangeEvent } from "react";
import { useController, useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { CameraInput, Checkbox, Empty, ErrorBox, Loaded, Page, Select, TextArea, words } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { ASPECTS } from "../assessment/words";
import { useOutbox } from "../../offline/context";
import { sendOrKeep, type Work } from "../../offline/outbox";
import { AREAS, listChildren, useRooms } from "./shared";

interface Upload {
  key: string;
  file: File;
  percent: number;
  /** The upload's media id, and the children it was tagged with. */
  mediaId?: string;
  tagged?: string;
}

type ObservationForm = {
  roomId: string;
  children: string[];
  text: string;
  areas: Schemas["AreaOfLearning"][];
  aspects: Schemas["Aspect"][];
  nextSteps: string;
};
const BLANK_OBSERVATION: ObservationForm = { roomId: "", children: [], text: "", areas: [], aspects: [], nextSteps: "" };

/** `?child=` (from a child's journal) starts with that child chosen. */
function childFromLink(): string[] {
  const child = new URLSearchParams(location.search).get("child");
  return child ? [child] : [];
}

export function ObservePage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const rooms = useRooms(settingId);
  const children = useApiQuery(keys.setting(settingId, "children"), () => listChildren(api, settingId));
  const { register, handleSubmit, reset, getValues, control } = useForm<ObservationForm>({ defaultValues: { ...BLANK_OBSERVATION, children: childFromLink() } });
  const roomId = useWatch({ control, name: "roomId" });
  // The children and areas are lists kept in the order they were ticked, not the checkboxes'
  // own: the room filter hides some children's checkboxes, and a child chosen in one room stays
  // chosen while another room is shown (a plain checkbox group would drop them).
  const { field: childrenField } = useController({ control, name: "children" });
  const { field: areasField } = useController({ control, name: "areas" });
  const { field: aspectsField } = useController({ control, name: "aspects" });
  const chosen = childrenField.value;
  const areas = areasField.value;
  const aspects = aspectsField.value;
  // Photos and videos are not form values: each pick adds to the list (the input is emptied
  // after it), and each file carries its upload's progress and media id.
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [waiting, setWaiting] = useState(false);
  const [saved, setSaved] = useState<{ childId: string; name: string; kept: boolean } | null>(null);
  const save = useAction();
  const outbox = useOutbox();

  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));
  const nameOf = (id: string) => {
    const c = children.data?.find((x) => x.childId === id);
    return c ? `${c.firstName} ${c.lastName}` : "the child";
  };

  const pickFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    setUploads((now) => [...now, ...files.map((file) => ({ key: crypto.randomUUID(), file, percent: 0 }))].slice(0, 10));
    e.target.value = "";
  };
  const progress = (key: string, patch: Partial<Upload>) => setUploads((now) => now.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const submit = handleSubmit(async (f) => {
    const { children: chosen, areas } = f;
    if (chosen.length === 0 || areas.length === 0) return;
    const tag = [...chosen].sort().join(",");
    // Only the aspects of the areas still ticked.
    const aspects = f.aspects.filter((a) => ASPECTS.some((x) => x.aspect === a && areas.includes(x.area)));
    const details = {
      text: f.text,
      children: chosen,
      areas,
      ...(aspects.length ? { aspects } : {}),
      ...(f.nextSteps.trim() ? { nextSteps: f.nextSteps } : {}),
    };
    const sendNow = async () => {
        // Each file is tagged with the children it shows; a file uploaded before the children
        // changed is sent again with the new list.
        const mediaIds: string[] = [];
        for (const u of uploads) {
          if (u.mediaId && u.tagged === tag) {
            mediaIds.push(u.mediaId);
            continue;
          }
          progress(u.key, { percent: 0 });
          const mediaId = await uploadMedia(api, settingId, u.file, chosen, (f) => progress(u.key, { percent: Math.round(f * 100) }));
          progress(u.key, { mediaId, tagged: tag, percent: 100 });
          mediaIds.push(mediaId);
        }
        const body: Schemas["NewObservation"] = { ...details, mediaIds };
        await whenMediaReady(
          () => unwrap(api.POST("/v1/settings/{settingId}/observations", { params: { path: { settingId } }, body, headers: idempotencyKey() })),
          () => setWaiting(true),
        );
    };
    // Without a network it waits on the device (sealed), photos and all, and is sent later.
    const kept: Work = {
      kind: "observation",
      label: `Observation of ${chosen.map(nameOf).join(", ")}`,
      body: details,
      files: uploads.map((u) => ({ name: u.file.name, type: u.file.type })),
    };
    const outcome = await save.run(() => {
      setSaved(null);
      setWaiting(false);
      return sendOrKeep(outbox, sendNow, () => kept, uploads.map((u) => u.file));
    });
    setWaiting(false);
    if (!outcome) return;
    const first = chosen[0]!;
    setSaved({ childId: first, name: nameOf(first), kept: outcome === "kept" });
    // The room shown stays as it is.
    reset({ ...BLANK_OBSERVATION, roomId: getValues("roomId") });
    setUploads([]);
  });

  const shown = (children.data ?? []).filter((c) => !roomId || c.roomId === roomId);
  const missing = chosen.length === 0 ? "Choose at least one child." : areas.length === 0 ? "Choose at least one area of learning." : null;

  return (
    <Page title="Record an observation" back={{ to: setting(settingId), label: "Home" }}>
      {saved && (
        <div className="done" role="status">
          {saved.kept ? (
            <p>Kept on this device: it will be sent when Nestling can be reached.</p>
          ) : (
            <>
              <p>Done: the observation is in each child's journal.</p>
              <p>
                <Link to={setting(settingId, `/children/${encodeURIComponent(saved.childId)}/journal`)}>See {saved.name}'s journal</Link>
              </p>
            </>
          )}
        </div>
      )}
      <form onSubmit={submit}>
        <fieldset>
          <legend>Children</legend>
          <Loaded state={rooms}>
            {(list) => (
              <Select
                label="Show children in"
                {...register("roomId")}
                options={[{ value: "", label: "Every room" }, ...list.map((r) => ({ value: r.id, label: r.name }))]}
              />
            )}
          </Loaded>
          <Loaded state={children}>
            {() =>
              shown.length === 0 ? (
                <Empty>No children here.</Empty>
              ) : (
                <>
                  {shown.map((c) => (
                    <Checkbox
                      key={c.childId}
                      label={`${c.firstName} ${c.lastName}`}
                      checked={chosen.includes(c.childId)}
                      onChange={(e) => childrenField.onChange(toggle(chosen, c.childId, e.target.checked))}
                      onBlur={childrenField.onBlur}
                    />
                  ))}
                </>
              )
            }
          </Loaded>
          {chosen.length > 0 && <p className="hint">Chosen: {chosen.map(nameOf).join(", ")}.</p>}
        </fieldset>

        <TextArea label="What did you see?" {...register("text")} required rows={6} />

        <fieldset>
          <legend>Areas of learning (at least one)</legend>
          {AREAS.map((a) => (
            <Checkbox
              key={a}
              label={words(a)}
              checked={areas.includes(a)}
              onChange={(e) => areasField.onChange(toggle(areas, a, e.target.checked))}
              onBlur={areasField.onBlur}
            />
          ))}
        </fieldset>

        {areas.length > 0 && (
          <fieldset>
            <legend>Aspects it shows (optional)</legend>
            {ASPECTS.filter((x) => areas.includes(x.area)).map((x) => (
              <Checkbox
                key={x.aspect}
                label={x.title}
                checked={aspects.includes(x.aspect)}
                onChange={(e) => aspectsField.onChange(toggle(aspects, x.aspect, e.target.checked))}
                onBlur={aspectsField.onBlur}
              />
            ))}
          </fieldset>
        )}

        <TextArea label="Next steps (optional)" {...register("nextSteps")} rows={3} />

        <fieldset>
          <legend>Photos and videos</legend>
          <div className="field">
            <label htmlFor="observe-media">Photos or videos</label>
            <p className="hint" id="observe-media-hint">
              {chosen.length === 0
                ? "Choose the children first: each photo or video is marked with the children it shows."
                : `Up to 10. Each will be marked as showing ${chosen.map(nameOf).join(", ")}.`}
            </p>
            <input
              id="observe-media"
              type="file"
              multiple
              accept={ACCEPTED_MEDIA}
              aria-describedby="observe-media-hint"
              disabled={chosen.length === 0 || save.busy}
              onChange={pickFiles}
            />
          </div>
          <CameraInput id="observe-camera" disabled={chosen.length === 0 || save.busy} onChange={pickFiles} />
          {uploads.length > 0 && (
            <ul className="bare">
              {uploads.map((u) => (
                <li key={u.key} className="file-progress">
                  <span>{u.file.name}</span>{" "}
                  <progress max={100} value={u.percent} aria-label={`Uploading ${u.file.name}`} /> <span>{u.percent}%</span>{" "}
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

        {waiting && save.busy && (
          <p role="status" className="hint">
            Checking the photos…
          </p>
        )}
        <ErrorBox error={save.error} />
        {missing && <p className="hint">{missing}</p>}
        <button type="submit" className="primary" disabled={save.busy || missing !== null} aria-busy={save.busy}>
          {save.busy ? "Saving…" : "Save observation"}
        </button>
      </form>
    </Page>
  );
}

