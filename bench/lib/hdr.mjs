// HdrHistogram helpers: latencies recorded in microseconds (3 significant digits), summarized in
// milliseconds as the figures every scenario reports.
import hdr from "hdr-histogram-js";

/** A new latency histogram (1 µs to 10 min, auto-resizing). */
export function latencyHistogram() {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records a latency given in milliseconds (fractions kept to the microsecond). */
export function recordMs(histogram, ms) {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

const ms = (us) => Math.round(us) / 1000;

/** `{count, p50, p99, p999, max, mean}` in milliseconds; zeros when nothing was recorded. */
export function summarize(histogram) {
  if (histogram.totalCount === 0) return { count: 0, p50: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}
