// "Load more" for any paged answer ({items, nextCursor} plus whatever else it carries).
import { ErrorBox } from "./components";
import { useAction } from "./hooks";

export type Paged = { items: unknown[]; nextCursor?: string | null };

/** Appends the next page to a loaded list (a `useApiQuery` state); nothing when there is no more. */
export function LoadMore<P extends Paged>({
  state,
  load,
  label = "Load more",
}: {
  state: { data?: P; setData: (update: (prev: P | undefined) => P | undefined) => void };
  load: (cursor: string) => Promise<P>;
  label?: string;
}) {
  const more = useAction({ changes: false });
  const cursor = state.data?.nextCursor;
  if (!cursor) return null;
  return (
    <div className="actions">
      <ErrorBox error={more.error} />
      <button
        type="button"
        disabled={more.busy}
        onClick={() =>
          void more.run(async () => {
            const page = await load(cursor);
            // Appended only to the list it continues: if the list was loaded again meanwhile
            // (another child, day or filter), this page belongs to the old one.
            state.setData((prev) =>
              prev && prev.nextCursor === cursor ? { ...prev, items: [...prev.items, ...page.items] as P["items"], nextCursor: page.nextCursor } : prev,
            );
          })
        }
      >
        {more.busy ? "Loading…" : label}
      </button>
    </div>
  );
}
