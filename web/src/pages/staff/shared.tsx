// Helpers the staff screens share: listing children and rooms, the child's name, cards and links.
import { useId, type ReactNode } from "react";
import { unwrap, type Api, type Schemas } from "../../api/client";
import { Link } from "react-router";
import { setting } from "../../routes";
import { keys, useApiQuery } from "../../api/queries";
import { useSession } from "../../session";


export const AREAS: Schemas["AreaOfLearning"][] = [
  "communication-and-language",
  "physical-development",
  "personal-social-and-emotional-development",
  "literacy",
  "mathematics",
  "understanding-the-world",
  "expressive-arts-and-design",
];

/** Every child of the setting (optionally of one room), following the pages. */
export async function listChildren(api: Api, settingId: string, roomId?: string): Promise<Schemas["ChildSummary"][]> {
  const all: Schemas["ChildSummary"][] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const query = { limit: 100, ...(roomId ? { roomId } : {}), ...(cursor ? { cursor } : {}) };
    const answer = await unwrap(api.GET("/v1/settings/{settingId}/children", { params: { path: { settingId }, query } }));
    all.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return all;
}

export async function listRooms(api: Api, settingId: string): Promise<Schemas["RoomView"][]> {
  const answer = await unwrap(api.GET("/v1/settings/{settingId}/rooms", { params: { path: { settingId }, query: { limit: 100 } } }));
  return answer.items;
}

/** The rooms of the setting, read once for every part of the page that names them. */
export function useRooms(settingId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "rooms"), () => listRooms(api, settingId));
}


/** An <article> named by its heading, so a screen reader (and a test) can find it by name. */
export function Card({ heading, level = 2, children }: { heading: ReactNode; level?: 2 | 3; children: ReactNode }) {
  const id = useId();
  const H = level === 2 ? "h2" : "h3";
  return (
    <article className="entry" aria-labelledby={id}>
      <H id={id}>{heading}</H>
      {children}
    </article>
  );
}

/** Links to a child's records, for lists of children. */
export function ChildLinks({ settingId, childId, name }: { settingId: string; childId: string; name: string }) {
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);
  return (
    <ul className="actions bare" aria-label={`Records for ${name}`}>
      <li><Link to={`${base}/journal`}>Journal</Link></li>
      <li><Link to={`${base}/assessment`}>Assessment</Link></li>
      <li><Link to={`${base}/diary`}>Diary</Link></li>
      <li><Link to={`${base}/accidents`}>Accidents</Link></li>
    </ul>
  );
}

export function minutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
