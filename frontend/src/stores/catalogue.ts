import { defineStore } from "pinia";
import { ref } from "vue";

import type { Face, FaceType, Round } from "../api/client";
import { useApi } from "../api/inject";

/** The face and round catalogues: static per server version, so fetched once and kept. */
export const useCatalogueStore = defineStore("catalogue", () => {
  const api = useApi();
  const faces = ref<Face[]>([]);
  const rounds = ref<Round[]>([]);
  let facesLoading: Promise<unknown> | null = null;
  let roundsLoading: Promise<unknown> | null = null;

  /** Resolves to the problem or network error, or undefined once the faces are here. */
  function loadFaces(): Promise<unknown> {
    facesLoading ??= api.GET("/api/v0/face").then(
      ({ data, error }) => {
        if (data === undefined) {
          facesLoading = null;
          return error;
        }
        faces.value = data.items;
        return undefined;
      },
      (thrown: unknown) => {
        facesLoading = null;
        throw thrown;
      },
    );
    return facesLoading;
  }

  function loadRounds(): Promise<unknown> {
    roundsLoading ??= api.GET("/api/v0/round").then(
      ({ data, error }) => {
        if (data === undefined) {
          roundsLoading = null;
          return error;
        }
        rounds.value = data.items;
        return undefined;
      },
      (thrown: unknown) => {
        roundsLoading = null;
        throw thrown;
      },
    );
    return roundsLoading;
  }

  function face(type: FaceType): Face | undefined {
    return faces.value.find((candidate) => candidate.face_type === type);
  }

  function round(code: string): Round | undefined {
    return rounds.value.find((candidate) => candidate.code === code);
  }

  return { faces, rounds, loadFaces, loadRounds, face, round };
});
