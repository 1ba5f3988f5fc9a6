import { onScopeDispose, ref, type Ref } from "vue";

/** The browser's idea of being online; false as soon as the device loses its network. */
export function useOnline(): Ref<boolean> {
  const online = ref(navigator.onLine);
  const update = (): void => {
    online.value = navigator.onLine;
  };
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  onScopeDispose(() => {
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  });
  return online;
}
