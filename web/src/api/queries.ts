// The query cache over the typed client (TanStack Query). Every read of a setting's data is
// keyed under ["setting", settingId, ...], so a change made in a setting marks all of its reads
// stale at once (cheap: only the ones on screen are fetched again), and sign-out clears it all.
import { QueryClient, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, asApiError } from "./client";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The API decides access on every request; a short staleness keeps screens current
        // without asking again on every render or tab switch.
        staleTime: 15_000,
        // A refusal (4xx) is an answer, not a fault: only a lost connection is tried again.
        retry: (failures, error) => failures < 2 && error instanceof ApiError && error.status === 0,
        refetchOnWindowFocus: true,
      },
    },
  });
}

export const keys = {
  me: ["me"] as const,
  /** Everything read in one setting; `parts` name what (and for whom). */
  setting: (settingId: string, ...parts: unknown[]) => ["setting", settingId, ...parts] as const,
};

/** A cached read: its data, error and loading state, `reload`, and `setData` for pages appended to it. */
export function useApiQuery<T>(
  key: QueryKey,
  load: () => Promise<T>,
  options: { enabled?: boolean; /** Read again after this many ms while the data says so (something being made). */ poll?: (data: T | undefined) => number | false } = {},
) {
  const client = useQueryClient();
  const { poll } = options;
  const query = useQuery<T, ApiError>({
    queryKey: key,
    queryFn: () => load().catch((e: unknown) => Promise.reject(asApiError(e))),
    enabled: options.enabled,
    refetchInterval: poll ? (q) => poll(q.state.data) : undefined,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => client.setQueryData<T>(key, update), [client, key]);
  return {
    data: query.data,
    error: query.error,
    loading: query.isPending && options.enabled !== false,
    reload,
    setData,
  };
}

/** Marks every read of one setting stale (the ones on screen are fetched again). */
export function useInvalidateSetting() {
  const client = useQueryClient();
  return useCallback((settingId: string) => client.invalidateQueries({ queryKey: keys.setting(settingId) }), [client]);
}
