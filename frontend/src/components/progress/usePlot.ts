// uPlot mounting shared by the progress charts, as components/history/EndTotalsChart.vue does it:
// sized to its box, following the theme's colours, redrawn when the data change. Only ever
// imported by lazily loaded chart components, so uPlot stays out of the first screen's bundle.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { onBeforeUnmount, onMounted, watch, type Ref } from "vue";

export interface ThemeColours {
  text: string;
  line: string;
  accent: string;
  muted: string;
}

/** The theme's colours, read from the CSS variables so the charts follow light and dark. */
export function themeColours(element: Element): ThemeColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read("--text", "#1f1d1a"),
    line: read("--line", "#dcd7cc"),
    accent: read("--accent", "#c8323c"),
    muted: read("--muted", "#6b665d"),
  };
}

/** Axis styling in the theme's colours. */
export function axisStyle(colours: ThemeColours): Pick<uPlot.Axis, "stroke" | "grid" | "ticks"> {
  return { stroke: colours.text, grid: { stroke: colours.line, width: 1 }, ticks: { stroke: colours.line, width: 1 } };
}

/** Dates on the axis as the server cut them (UTC days), whatever the browser's zone. */
export const utcDates = (ts: number): Date => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC");

/** Mounts a uPlot in `host`, keeps it as wide as its box, and feeds it `data()` when `source` changes. */
export function usePlot(
  host: Ref<HTMLElement | null>,
  height: number,
  options: (colours: ThemeColours) => Omit<uPlot.Options, "width" | "height">,
  data: () => uPlot.AlignedData,
  source: () => unknown,
): void {
  let plot: uPlot | null = null;
  let resizeObserver: ResizeObserver | null = null;

  onMounted(() => {
    const element = host.value;
    if (element === null) return;
    plot = new uPlot({ ...options(themeColours(element)), width: element.clientWidth, height }, data(), element);
    resizeObserver = new ResizeObserver(() => plot?.setSize({ width: element.clientWidth, height }));
    resizeObserver.observe(element);
  });

  watch(source, () => plot?.setData(data()));

  onBeforeUnmount(() => {
    resizeObserver?.disconnect();
    plot?.destroy();
  });
}

export { uPlot };
