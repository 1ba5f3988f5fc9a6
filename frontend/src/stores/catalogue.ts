import { defineStore } from "pinia";
import { ref, watch, type Ref } from "vue";

import type { Face, FaceType, Round } from "../api/client";
import { useApi } from "../api/inject";
import { useOnline } from "../composables/useOnline";
import { freshOrLastKnown, useLastKnown, type Answer, type LastKnownEntries } from "../offline/lastKnown";

/**
 * The face and round catalogues: static per server version, so fetched once and kept. With no
 * signal they come from the last known copy, and are read again once the network is back.
 */
export const useCatalogueStore = defineStore("catalogue", () => {
  const api = useApi();
  const memory = useLastKnown();
  const online = useOnline();

  /** One catalogue's loader: resolves to the problem or network error, or undefined once it is here. */
  function catalogue<K extends "faces" | "rounds">(
    key: K,
    items: Ref<LastKnownEntries[K]>,
    read: () => Promise<Answer<LastKnownEntries[K]>>,
  ): () => Promise<unknown> {
    let loading: Promise<unknown> | null = null;
    let stale = false;

    function load(): Promise<unknown> {
      loading ??= freshOrLastKnown(memory, key, read).then(({ data, error, stale: remembered }) => {
        // Only a fresh answer is final; after a failure or a remembered copy the next load asks again.
        if (data === undefined || remembered) loading = null;
        if (data === undefined) return error;
        items.value = data;
        stale = remembered;
        return undefined;
      });
      return loading;
    }

    watch(online, (isOnline) => {
      if (isOnline && stale) void load();
    });
    return load;
  }

  const faces = ref<Face[]>([]);
  const rounds = ref<Round[]>([]);
  const loadFaces = catalogue("faces", faces, async () => {
    const { data, error, response } = await api.GET("/api/v0/face");
    return { data: data?.items, error, status: response.status };
  });
  const loadRounds = catalogue("rounds", rounds, async () => {
    const { data, error, response } = await api.GET("/api/v0/round");
    return { data: data?.items, error, status: response.status };
  });

  function face(type: FaceType): Face | undefined {
    return faces.value.find((candidate) => candidate.face_type === type);
  }

  function round(code: string): Round | undefined {
    return rounds.value.find((candidate) => candidate.code === code);
  }

  return { faces, rounds, loadFaces, loadRounds, face, round };
});
