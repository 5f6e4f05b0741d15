import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useParams } from "react-router";
import { asApiError, unwrap, type ApiError, type Schemas } from "../api/client";
import { keys, useApiQuery } from "../api/queries";
import { useSession } from "../session";
import { settingWords, type SettingWords } from "../settingWords";

/**
 * Runs a change once at a time; the error stays shown until the next attempt. A change that
 * succeeds marks the setting's cached reads stale, so every list on screen shows it;
 * `{ changes: false }` is for reads run as actions (a next page).
 */
export function useAction({ changes = true }: { changes?: boolean } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const running = useRef(false);
  const client = useQueryClient();
  const { settingId } = useParams();
  const run = useCallback(
    async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const value = await action();
        if (success) setDone(success);
        if (changes && settingId) void client.invalidateQueries({ queryKey: keys.setting(settingId) });
        return value;
      } catch (e) {
        setError(asApiError(e));
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [changes, client, settingId],
  );
  return { run, busy, error, done, setError };
}

/** The child's name for a page title (the diary and accident answers do not carry it). */
export function useChildName(settingId: string, childId: string): string | undefined {
  const { api } = useSession();
  // The same read (and key) as the parents' pages: the cache holds one copy of the child.
  const child = useApiQuery(keys.setting(settingId, "child", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId } } })),
  );
  return child.data ? `${child.data.firstName} ${child.data.lastName}` : undefined;
}

/** The read of the setting as its members see it, under the one key every page reading the setting shares. */
export function useSettingRead(settingId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
}

/** The setting as its members see it (undefined while it is read, or when it cannot be). */
export function useSettingView(settingId: string): Schemas["SettingView"] | undefined {
  return useSettingRead(settingId).data;
}

/** Whether the setting is a nursery or a school (undefined while it is read). */
export function useSettingKind(settingId: string): Schemas["SettingKind"] | undefined {
  return useSettingView(settingId)?.kind;
}

/** The setting's words for the people it cares for: "pupils" in a school, "children" in a nursery. */
export function useSettingWords(settingId: string): SettingWords {
  return settingWords(useSettingKind(settingId));
}
