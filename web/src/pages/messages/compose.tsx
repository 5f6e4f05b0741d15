// Writing a message. A parent writes about one of their children to the key person, the room's
// staff or the managers (never to another family), or, from one of a school's points, to that
// point's first contact. Staff write to one child's parents (one thread per separated
// household), to a room's families or, managers, to every family; before sending they see how
// many it reaches now.
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useNavigate, useSearchParams } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { isStaff } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Checkbox, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Radio } from "../feed/shared";
import { listChildren, useRooms } from "../staff/shared";
import { pointRecipientWords } from "../school/words";
import { messagesPath, threadPath, type MessagesNotice } from "./shared";
import { PARENT_TARGETS, pointIntent, recipientWords, staffToldWords, type ParentTo, type PointIntent } from "./words";

type Scope = "child" | "room" | "setting";
type ComposeForm = { scope: Scope; childId: string; roomId: string; to: ParentTo; subject: string; text: string; urgent: boolean };

export function ComposePage({ settingId }: { settingId: string }) {
  const role = useMembership(settingId)?.role ?? "parent";
  return (
    <Page title="Write a message" back={{ to: messagesPath(settingId), label: "Messages" }}>
      {isStaff(role) ? <StaffCompose settingId={settingId} manager={role === "manager"} /> : <ParentCompose settingId={settingId} />}
    </Page>
  );
}

/** The words, the photos and sending: the same for every writer. */
function useSend(settingId: string) {
  const { api } = useSession();
  const { when } = useClock();
  const navigate = useNavigate();
  const send = useAction();
  const [files, setFiles] = useState<File[]>([]);
  const go = (write: (mediaIds: string[]) => Promise<Schemas["Started"]>, tagged: string[], sentWords: (started: Schemas["Started"]) => string) =>
    void send
      .run(async () => {
        const mediaIds: string[] = [];
        for (const file of files) mediaIds.push(await uploadMedia(api, settingId, file, tagged, () => undefined));
        return whenMediaReady(() => write(mediaIds));
      })
      .then((started) => {
        if (!started) return;
        const notice: MessagesNotice = { done: staffToldWords(started.staffToldAt, when) ?? sentWords(started) };
        const first = started.threads[0];
        navigate(started.threads.length === 1 && first ? threadPath(settingId, first.threadId) : messagesPath(settingId), { state: notice });
      });
  const photos = (
    <div className="field">
      <label htmlFor="message-photos">Photos or videos (optional, up to 5)</label>
      <input id="message-photos" type="file" multiple accept={ACCEPTED_MEDIA} onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 5))} />
    </div>
  );
  return { api, send, go, photos };
}

/** A parent: about which child, to whom, and the message. */
function ParentCompose({ settingId }: { settingId: string }) {
  const membership = useMembership(settingId);
  const { api } = useSession();
  // Children they may write about now: live parent links (the same reads and keys as their home page).
  const links = (membership?.linkedChildren ?? []).filter((c) => c.access === "parent" && c.status === "active");
  const children = useQueries({
    queries: links.map((c) => ({
      queryKey: keys.setting(settingId, "child", c.childId),
      queryFn: () => unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId: c.childId } } })),
    })),
  });
  const { send, go, photos } = useSend(settingId);
  // From a point's link: to its first contact, about a child of theirs (the API checks the point).
  const [search] = useSearchParams();
  const asked = pointIntent(search);
  const point = asked && links.some((l) => l.childId === asked.childId) ? asked : null;
  const { register, handleSubmit, control } = useForm<ComposeForm>({
    defaultValues: {
      scope: "child",
      childId: point?.childId ?? links[0]?.childId ?? "",
      roomId: "",
      to: point ? "point-contact" : "key-person",
      subject: point?.subject ?? "",
      text: "",
      urgent: false,
    },
  });
  const childId = useWatch({ control, name: "childId" });
  const known = children.map((q) => q.data).filter((c): c is Schemas["ChildView"] => c !== undefined);
  const chosen = known.find((c) => c.childId === childId);
  if (links.length === 0) return <Empty>You can write to the setting about a child once your link to them is active.</Empty>;
  const onSend = (f: ComposeForm) => {
    // About a point, the child and the recipient are the point's, not fields of the form.
    const about = point?.childId ?? f.childId;
    const to = point ? { to: "point-contact" as const, pointId: point.pointId } : { to: f.to };
    return go(
      (mediaIds) =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/threads", {
            params: { path: { settingId, childId: about } },
            body: { subject: f.subject.trim(), text: f.text.trim(), mediaIds, ...to },
            headers: idempotencyKey(),
          }),
        ),
      [about],
      () => "Sent. You will see the setting's answer here, and we email you when it comes.",
    );
  };
  return (
    <form onSubmit={handleSubmit(onSend)}>
      {point ? (
        <PointRecipient settingId={settingId} point={point} child={chosen} />
      ) : (
        <>
          <Select
            label="About"
            {...register("childId", { required: true })}
            options={links.map((l) => {
              const c = known.find((k) => k.childId === l.childId);
              return { value: l.childId, label: c ? `${c.firstName} ${c.lastName}` : "Your child" };
            })}
          />
          <fieldset>
            <legend>Who would you like to write to?</legend>
            {PARENT_TARGETS.map((t) => (
              <Radio key={t.value} label={t.label(chosen?.keyPersonName)} value={t.value} {...register("to")} />
            ))}
          </fieldset>
        </>
      )}
      <Words register={register} />
      {photos}
      <ErrorBox error={send.error} />
      <Submit busy={send.busy}>Send message</Submit>
    </form>
  );
}

/**
 * Whom a message about a point goes to: the point's first contact, read from the child's points
 * (the same read and key as the Points page), so the page names them as the API will.
 */
function PointRecipient({ settingId, point, child }: { settingId: string; point: PointIntent; child: Schemas["ChildView"] | undefined }) {
  const { api } = useSession();
  const points = useApiQuery(keys.setting(settingId, "points", point.childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/points", { params: { path: { settingId, childId: point.childId } } })),
  );
  return (
    <Loaded state={points}>
      {(list) => {
        const found = list.items.find((p) => p.pointId === point.pointId);
        return found ? (
          <>
            <p>{pointRecipientWords(found.firstContact)}</p>
            <p className="hint">
              About {child ? `${child.firstName} ${child.lastName}` : "your child"}&rsquo;s point: {found.category}.
            </p>
          </>
        ) : (
          <Empty>That point is not shown to you, so there is no one to write to about it. Go back to Points and choose the point again.</Empty>
        );
      }}
    </Loaded>
  );
}

/** Subject and message, as every writer types them. */
function Words({ register }: { register: ReturnType<typeof useForm<ComposeForm>>["register"] }) {
  return (
    <>
      <Field label="Subject" {...register("subject", { required: true })} required maxLength={120} />
      <TextArea label="Message" {...register("text", { required: true })} required maxLength={5000} rows={6} />
    </>
  );
}

/** Staff: one child's parents, a room's families, or (managers) every family; the count first. */
function StaffCompose({ settingId, manager }: { settingId: string; manager: boolean }) {
  const rooms = useRooms(settingId);
  const { api, send, go, photos } = useSend(settingId);
  const children = useApiQuery(keys.setting(settingId, "children"), () => listChildren(api, settingId));
  const { register, handleSubmit, control } = useForm<ComposeForm>({
    defaultValues: { scope: "child", childId: "", roomId: "", to: "key-person", subject: "", text: "", urgent: false },
  });
  const [scope, childId, roomId] = useWatch({ control, name: ["scope", "childId", "roomId"] });
  const ready = scope === "setting" || (scope === "child" ? childId !== "" : roomId !== "");
  const onSend = (f: ComposeForm) => {
    const urgent = manager && f.urgent;
    const words = { subject: f.subject.trim(), text: f.text.trim(), urgent };
    if (f.scope === "child")
      return go(
        (mediaIds) =>
          unwrap(
            api.POST("/v1/settings/{settingId}/children/{childId}/threads", {
              params: { path: { settingId, childId: f.childId } },
              body: { ...words, mediaIds },
              headers: idempotencyKey(),
            }),
          ),
        [f.childId],
        (started) =>
          started.threads.length > 1
            ? `Sent to the child's ${started.threads.length} households, each in its own thread.`
            : "Sent to the child's parents.",
      );
    return go(
      (mediaIds) =>
        unwrap(
          api.POST("/v1/settings/{settingId}/broadcasts", {
            params: { path: { settingId } },
            body: { ...words, mediaIds, roomId: f.scope === "room" ? f.roomId : null },
            headers: idempotencyKey(),
          }),
        ),
      [],
      () => "Sent to families. They read it in Messages and answer you privately.",
    );
  };
  return (
    <form onSubmit={handleSubmit(onSend)}>
      <fieldset>
        <legend>Who is it for?</legend>
        <Radio label="One child's parents" value="child" {...register("scope")} />
        <Radio label="A room's families" value="room" {...register("scope")} />
        {manager && <Radio label="Every family" value="setting" {...register("scope")} />}
      </fieldset>
      {scope === "child" && (
        <Loaded state={children}>
          {(list) => (
            <Select
              label="Child"
              {...register("childId", { required: scope === "child" })}
              options={[{ value: "", label: "Choose a child" }, ...list.map((c) => ({ value: c.childId, label: `${c.firstName} ${c.lastName}` }))]}
            />
          )}
        </Loaded>
      )}
      {scope === "room" && (
        <Loaded state={rooms}>
          {(list) => (
            <Select
              label="Room"
              {...register("roomId", { required: scope === "room" })}
              options={[{ value: "", label: "Choose a room" }, ...list.map((r) => ({ value: r.id, label: r.name }))]}
            />
          )}
        </Loaded>
      )}
      {ready && <RecipientCount settingId={settingId} scope={scope} childId={childId} roomId={roomId} />}
      <Words register={register} />
      {photos}
      {manager && <Checkbox label="Urgent: email families now, whatever their email choice (recorded in the access log)" {...register("urgent")} />}
      <ErrorBox error={send.error} />
      <Submit busy={send.busy}>Send message</Submit>
    </form>
  );
}

/** How many a message would reach now, read again whenever the choice changes. */
function RecipientCount({ settingId, scope, childId, roomId }: { settingId: string; scope: Scope; childId: string; roomId: string }) {
  const { api } = useSession();
  const query = scope === "child" ? { childId } : scope === "room" ? { roomId } : {};
  const state = useApiQuery(keys.setting(settingId, "recipients", scope, childId, roomId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/message-recipients", { params: { path: { settingId }, query } })),
  );
  return (
    <div className="setup" role="status" aria-live="polite" aria-label="Who this reaches">
      <Loaded state={state}>
        {(count) => (
          <>
            {recipientWords(count, scope === "child").map((line) => (
              <p key={line}>{line}</p>
            ))}
          </>
        )}
      </Loaded>
    </div>
  );
}
