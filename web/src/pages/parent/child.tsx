import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, ErrorBox, Loaded, Page, Submit } from "../../ui/components";
import { JournalList } from "../../ui/journal";

/** The child, under the one key every page reading it shares (staff pages too). */
export function useChild(settingId: string, childId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "child", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId } } })),
  );
}

export function childBase(settingId: string, childId: string) {
  return setting(settingId, `/children/${encodeURIComponent(childId)}`);
}

export function ChildJournalPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { me } = useSession();
  const parent = me.memberships.find((m) => m.settingId === settingId)?.role === "parent";
  const child = useChild(settingId, childId);
  const { day } = useClock();
  const leaving = child.data?.leaving;
  return (
    <Page title={child.data ? `${child.data.firstName}'s learning journal` : "Learning journal"} back={{ to: setting(settingId), label: "Your children" }}>
      {leaving?.left && (
        <p className="setup">
          {child.data?.firstName} left on {day(leaving.date)}. You can read these records until your access ends on {day(leaving.accessEndsOn)}.
        </p>
      )}
      {parent && (
        <p className="actions">
          {!leaving?.left && (
            <>
              <Link to={`${childBase(settingId, childId)}/contribute`}>Add something from home</Link> ·{" "}
            </>
          )}
          <Link to={`${childBase(settingId, childId)}/bookings`}>Bookings</Link> ·{" "}
          <Link to={`${childBase(settingId, childId)}/journey`}>Keep the learning journey (PDF and archive)</Link>
        </p>
      )}
      <JournalList key={childId} settingId={settingId} childId={childId} />
    </Page>
  );
}

/** Photo and remote-access consents (rule: a parent with parental responsibility decides). */
export function ConsentsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const child = useChild(settingId, childId);
  // Out here, not in the form: the form starts again from the saved child, the message stays.
  const save = useAction();
  return (
    <Page title="Consents" back={{ to: setting(settingId), label: "Your children" }}>
      <Loaded state={child}>
        {(c) => <ConsentsForm key={c.version} settingId={settingId} childId={childId} child={c} save={save} />}
      </Loaded>
    </Page>
  );
}

type Choices = Schemas["Consents"];

/** The choices as loaded; a new version of the child (after a save) mounts a fresh form. */
function ConsentsForm({ settingId, childId, child: c, save }: { settingId: string; childId: string; child: Schemas["ChildView"]; save: ReturnType<typeof useAction> }) {
  const { api } = useSession();
  const { when } = useClock();
  const { register, handleSubmit } = useForm<Choices>({
    defaultValues: { photosInOtherJournals: c.consents?.photosInOtherJournals ?? false, remoteStaffAccess: c.consents?.remoteStaffAccess ?? false },
  });
  const submit = handleSubmit((body) =>
    save.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/children/{childId}/consents", { params: { path: { settingId, childId } }, body, headers: idempotencyKey() })),
      "Your choices are saved.",
    ),
  );
  return (
    <form onSubmit={submit}>
      <p>Choose what you agree to for {c.firstName}. You can change this at any time.</p>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Checkbox label={`Group photos showing ${c.firstName} may appear in other children's journals`} {...register("photosInOtherJournals")} />
      <Checkbox label={`${c.firstName}'s key person may see ${c.firstName}'s records when working away from the setting`} {...register("remoteStaffAccess")} />
      {c.consents && <p className="hint">Last changed {when(c.consents.setAt)}.</p>}
      <Submit busy={save.busy}>Save my choices</Submit>
    </form>
  );
}
