package io.posekit.runtime.engine.schedulers;

/**
 * Where a scheduler is active, in its stepping unit, after MMEngine's
 * {@code build_iter_from_epoch}: with {@code convert_to_iter_based=True} and {@code by_epoch=True}
 * the bounds (and the scheduler's own epoch counts, via {@link #scale}) are multiplied by the epoch
 * length and the scheduler steps per iteration.
 *
 * @param factor iterations per configured unit: the epoch length when converted, else 1
 */
public record ScheduleWindow(int begin, int end, boolean byEpoch, int factor) {
  /** MMEngine's {@code INF}, the default {@code end}. */
  public static final int INF = 1_000_000_000;

  public static ScheduleWindow of(
      String scheduler, int begin, int end, boolean byEpoch, boolean convertToIterBased,
      Integer epochLength) {
    int factor = 1;
    if (byEpoch && convertToIterBased) {
      if (epochLength == null || epochLength <= 0) {
        throw new IllegalArgumentException(
            scheduler + ": convert_to_iter_based=True needs a positive epoch_length, got " + epochLength);
      }
      factor = epochLength;
      begin = Math.multiplyExact(begin, factor);
      if (end != INF) {
        end = Math.multiplyExact(end, factor);
      }
      byEpoch = false;
    }
    if (end <= begin) {
      throw new IllegalArgumentException(
          scheduler + ": end should be larger than begin, but got begin=" + begin + ", end=" + end);
    }
    return new ScheduleWindow(begin, end, byEpoch, factor);
  }

  /** An epoch count of the scheduler's own ({@code milestones}, {@code step_size}, {@code T_max}) in stepping units. */
  public int scale(int value) {
    return Math.multiplyExact(value, factor);
  }
}
