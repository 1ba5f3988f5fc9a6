import { onBeforeUnmount, onMounted } from "vue";

/**
 * Keeps the screen from dimming while the component is shown (a range board on a clubhouse TV
 * or laptop is watched, never touched). The browser drops the lock when the page is hidden, so
 * it is asked again when the page comes back. Browsers without the API just dim as usual.
 */
export function useScreenAwake(): void {
  let lock: WakeLockSentinel | null = null;

  async function request(): Promise<void> {
    if (document.visibilityState !== "visible" || !("wakeLock" in navigator)) return;
    try {
      lock = await navigator.wakeLock.request("screen");
    } catch {
      // Refused (battery saver, no permission): the board still works.
    }
  }

  function onVisibility(): void {
    void request();
  }

  onMounted(() => {
    void request();
    document.addEventListener("visibilitychange", onVisibility);
  });
  onBeforeUnmount(() => {
    document.removeEventListener("visibilitychange", onVisibility);
    void lock?.release();
  });
}
