package io.posekit.runtime.pose;

import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * MMEngine's {@code collect_results} for predicted data samples: every rank's part gathered, put
 * back in sampler order (rank r held samples r, r + W, r + 2W, ... of the epoch) and cut to the
 * data set's size, which drops the samples {@code round_up} repeated. Unlike MMEngine's
 * {@code zip(*parts)}, parts of unequal length (no {@code round_up}) lose no sample.
 */
final class CollectResults {
  /** Only what a data sample holds may come back from another rank. */
  private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
      "maxdepth=20;io.posekit.tfmodels.structures.*;java.lang.*;java.util.*;[D;[[D;[[[D;[I;[[I;[J;!*");

  private CollectResults() {}

  static List<PoseDataSample> collect(DistContext dist, List<PoseDataSample> mine, int size) {
    if (!dist.isDistributed()) {
      return mine.size() > size ? List.copyOf(mine.subList(0, size)) : mine;
    }
    List<byte[]> parts = dist.allGatherBytes(serialize(mine));
    List<List<PoseDataSample>> decoded = new ArrayList<>();
    for (int r = 0; r < parts.size(); r++) {
      decoded.add(deserialize(parts.get(r), r));
    }
    return interleave(decoded, size);
  }

  /** Sample i of rank r is sample {@code i * W + r} of the epoch; the first {@code size} are kept. */
  static <T> List<T> interleave(List<List<T>> parts, int size) {
    List<T> ordered = new ArrayList<>();
    int longest = parts.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest && ordered.size() < size; i++) {
      for (List<T> part : parts) {
        if (i < part.size() && ordered.size() < size) {
          ordered.add(part.get(i));
        }
      }
    }
    return ordered;
  }

  private static byte[] serialize(List<PoseDataSample> samples) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new ArrayList<>(samples));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send this rank's predictions to the others: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static List<PoseDataSample> deserialize(byte[] bytes, int rank) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(FILTER);
      return (List<PoseDataSample>) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalStateException("the predictions rank " + rank + " sent cannot be read: " + e.getMessage(), e);
    }
  }
}
