// A family's contribution as staff (deciding on it) and the family (following it) see it.
import { useId, type ReactNode } from "react";
import type { Schemas } from "../api/client";
import { useClock } from "../session";
import { MediaGrid } from "./journal";
import { words } from "./components";

type Status = Schemas["ContributionStatus"];
/** Staff decide on a contribution; the family only learns whether it reached the journal. */
export type Audience = "staff" | "family";

const STATUS_WORDS: Record<Status, Record<Audience, string>> = {
  pending: { staff: "Waiting for approval", family: "Waiting for approval" },
  approved: { staff: "Approved", family: "In the journal" },
  rejected: { staff: "Rejected", family: "Not added" },
};

export const CONTRIBUTION_STATUSES = Object.keys(STATUS_WORDS) as Status[];

export function statusLabel(status: Status, audience: Audience): string {
  return STATUS_WORDS[status][audience];
}

/** The contribution's words, photos and status; `children` are what the reader may do with it. */
export function ContributionCard({ item, audience, children }: { item: Schemas["ContributionView"]; audience: Audience; children?: ReactNode }) {
  const { when } = useClock();
  const headingId = useId();
  const author = item.author.name;
  return (
    <article className="entry" aria-labelledby={headingId}>
      {/* Staff lists name the child; a family's list is of one child already. */}
      <h2 id={headingId}>{item.childFirstName ? `${item.childFirstName}: from ${author}` : `From ${author}`}</h2>
      <p className="hint">
        Sent {when(item.createdAt)} · <span className={`tag status-${item.status}`}>{statusLabel(item.status, audience)}</span>
        {item.decidedAt ? ` · decided ${when(item.decidedAt)}` : ""}
      </p>
      <p className="written">{item.text}</p>
      {item.areas.length > 0 && <p className="hint">Shows: {item.areas.map(words).join(", ")}</p>}
      <MediaGrid media={item.media} who={author} />
      {item.rejectionReason && (
        <p>
          <strong>{audience === "staff" ? "Reason given to the family:" : "Why it was not added:"}</strong> {item.rejectionReason}
        </p>
      )}
      {children}
    </article>
  );
}
