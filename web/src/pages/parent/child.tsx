import { useEffect, useState, type FormEvent } from "react";
import { idempotencyKey, unwrap } from "../../api/client";
import { Link } from "../../router";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { useAction, useLoad } from "../../ui/hooks";
import { Checkbox, Done, ErrorBox, Loaded, Page, Submit, when } from "../../ui/components";
import { JournalList } from "../../ui/journal";

export function useChild(settingId: string, childId: string) {
  const { api } = useSession();
  return useLoad(() => unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId } } })), [settingId, childId]);
}

export function childBase(settingId: string, childId: string) {
  return setting(settingId, `/children/${encodeURIComponent(childId)}`);
}

export function ChildJournalPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { me } = useSession();
  const parent = me.memberships.find((m) => m.settingId === settingId)?.role === "parent";
  const child = useChild(settingId, childId);
  return (
    <Page title={child.data ? `${child.data.firstName}'s learning journal` : "Learning journal"} back={{ to: setting(settingId), label: "Your children" }}>
      {parent && (
        <p className="actions">
          <Link to={`${childBase(settingId, childId)}/contribute`}>Add something from home</Link>
        </p>
      )}
      <JournalList key={childId} settingId={settingId} childId={childId} />
    </Page>
  );
}

/** Photo and remote-access consents (rule: a parent with parental responsibility decides). */
export function ConsentsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const child = useChild(settingId, childId);
  const [photos, setPhotos] = useState(false);
  const [remote, setRemote] = useState(false);
  useEffect(() => {
    if (child.data?.consents) {
      setPhotos(child.data.consents.photosInOtherJournals);
      setRemote(child.data.consents.remoteStaffAccess);
    }
  }, [child.data]);
  const save = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await unwrap(
        api.PUT("/v1/settings/{settingId}/children/{childId}/consents", {
          params: { path: { settingId, childId } },
          body: { photosInOtherJournals: photos, remoteStaffAccess: remote },
          headers: idempotencyKey(),
        }),
      );
      child.reload();
    }, "Your choices are saved.");
  };
  return (
    <Page title="Consents" back={{ to: setting(settingId), label: "Your children" }}>
      <Loaded state={child}>
        {(c) => (
          <form onSubmit={submit}>
            <p>Choose what you agree to for {c.firstName}. You can change this at any time.</p>
            <ErrorBox error={save.error} />
            <Done message={save.done} />
            <Checkbox
              label={`Group photos showing ${c.firstName} may appear in other children's journals`}
              checked={photos}
              onChange={(e) => setPhotos(e.target.checked)}
            />
            <Checkbox
              label={`${c.firstName}'s key person may see ${c.firstName}'s records when working away from the setting`}
              checked={remote}
              onChange={(e) => setRemote(e.target.checked)}
            />
            {c.consents && <p className="hint">Last changed {when(c.consents.setAt)}.</p>}
            <Submit busy={save.busy}>Save my choices</Submit>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
