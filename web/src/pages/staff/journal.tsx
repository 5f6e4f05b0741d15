// A child's journal as staff see it: every entry and photo, with the comments on observations.
import { Link } from "react-router";
import { setting } from "../../routes";
import { Page } from "../../ui/components";
import { JournalList } from "../../ui/journal";
import { useChildName } from "../../ui/hooks";

export function StaffJournalPage({ settingId, childId }: { settingId: string; childId: string }) {
  const name = useChildName(settingId, childId);
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);
  return (
    <Page title={name ? `${name}'s journal` : "Journal"} back={{ to: setting(settingId), label: "Home" }}>
      <p>
        <Link to={setting(settingId, `/observe?child=${encodeURIComponent(childId)}`)}>Record an observation about {name ?? "this child"}</Link>
      </p>
      <JournalList key={childId} settingId={settingId} childId={childId} />
      <nav aria-label={`More about ${name ?? "this child"}`}>
        <h2>More about {name ?? "this child"}</h2>
        <ul className="actions bare">
          <li>
            <Link to={`${base}/diary`}>Diary</Link>
          </li>
          <li>
            <Link to={`${base}/accidents`}>Accidents</Link>
          </li>
        </ul>
      </nav>
    </Page>
  );
}
