package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * MMPose's {@code CombinedDataset}: the samples of {@code datasets} one after another (each through
 * its own pipeline, usually a {@code KeypointConverter} onto a common layout), then the flip and
 * body-part meta of {@code metainfo} and this data set's {@code pipeline}. With
 * {@code sample_ratio_factor} each data set counts {@code round(len * factor)} samples, and a
 * sample's local index is stretched over the data set with a random jitter, as MMPose does.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class CombinedDataset implements PoseDataset {
  private final DatasetMeta metainfo;
  private final List<PoseDataset> datasets;
  private final double @Nullable [] sampleRatioFactor;
  private final boolean testMode;
  private final int maxRefetch;
  private volatile List<Transform> pipeline;
  private int @Nullable [] lens;
  private int @Nullable [] lensOri;
  private int len;

  public CombinedDataset(
      Map<String, Object> metainfo,
      List<PoseDataset> datasets,
      @Param(defaultValue = "[]") List<Transform> pipeline,
      @Param(defaultValue = "None") double @Nullable [] sampleRatioFactor,
      @Param(defaultValue = "False") boolean testMode,
      @Param(defaultValue = "1000") int maxRefetch) {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("CombinedDataset: datasets must name at least one data set");
    }
    if (sampleRatioFactor != null) {
      if (sampleRatioFactor.length != datasets.size()) {
        throw new IllegalArgumentException("CombinedDataset: the length of sample_ratio_factor " + sampleRatioFactor.length
            + " does not match the length of datasets " + datasets.size());
      }
      for (double f : sampleRatioFactor) {
        if (!(f >= 0)) {
          throw new IllegalArgumentException("CombinedDataset: the ratio values in sample_ratio_factor should not be negative, got " + f);
        }
      }
    }
    this.metainfo = MetaInfo.resolve(metainfo, null);
    this.datasets = List.copyOf(datasets);
    this.sampleRatioFactor = sampleRatioFactor == null ? null : sampleRatioFactor.clone();
    this.pipeline = List.copyOf(pipeline);
    this.testMode = testMode;
    this.maxRefetch = maxRefetch;
  }

  /** The lengths of the data sets (after the ratio), counted on first use so that building reads no data. */
  private synchronized int[] lens() {
    if (lens == null) {
      int[] ori = new int[datasets.size()];
      int[] counted = new int[ori.length];
      int total = 0;
      for (int i = 0; i < ori.length; i++) {
        ori[i] = datasets.get(i).size();
        counted[i] = sampleRatioFactor == null ? ori[i] : (int) Math.rint(ori[i] * sampleRatioFactor[i]);
        total += counted[i];
      }
      lensOri = ori;
      len = total;
      lens = counted;
    }
    return lens;
  }

  /** {@code lens}: the samples each data set contributes. */
  public int[] datasetLengths() {
    return lens().clone();
  }

  @Override
  public int size() {
    lens();
    return len;
  }

  @Override
  public DatasetMeta metainfo() {
    return metainfo;
  }

  /** {@code _get_subset_index}: (data set, index in it) of a global index; the resampling draws from {@code rng}. */
  int[] subsetIndex(int index, RandomGenerator rng) {
    int[] l = lens();
    if (index >= len || index < -len) {
      throw new IndexOutOfBoundsException("index(" + index + ") is out of bounds for dataset with length(" + len + ").");
    }
    if (index < 0) {
      index += len;
    }
    int subset = 0;
    while (index >= l[subset]) {
      index -= l[subset];
      subset++;
    }
    if (sampleRatioFactor != null) {
      double gap = (lensOri[subset] - 1e-4) / l[subset];
      index = (int) Math.rint(gap * index + rng.nextDouble() * gap - 0.5); // Python's round: half to even
    }
    return new int[] {subset, index};
  }

  /** {@code get_data_info}: the data set's sample (through its own pipeline) with this data set's meta. */
  PoseSample getDataInfo(int idx, RandomGenerator rng) {
    int[] at = subsetIndex(idx, rng);
    PoseSample s = datasets.get(at[0]).get(at[1], rng);
    s.upperBodyIds = metainfo.upperBodyIds();
    s.lowerBodyIds = metainfo.lowerBodyIds();
    s.flipPairs = metainfo.flipPairs();
    s.datasetKeypointWeights = metainfo.datasetKeypointWeights().clone();
    s.flipIndices = metainfo.flipIndices().clone();
    return s;
  }

  private @Nullable PoseSample prepareData(int idx, RandomGenerator rng) {
    PoseSample s = getDataInfo(idx, rng);
    for (Transform t : pipeline) { // one read of the field: a sample never mixes two pipelines
      s = t.transform(s, rng);
      if (s == null) {
        return null;
      }
    }
    return s;
  }

  /** MMEngine's {@code __getitem__}: a dropped sample is an error in test mode, else another random one is tried. */
  @Override
  public PoseSample get(int idx, RandomGenerator rng) {
    for (int attempt = 0; attempt <= maxRefetch; attempt++) {
      PoseSample s = prepareData(idx, rng);
      if (s != null) {
        return s;
      }
      if (testMode) {
        throw new IllegalStateException("the pipeline dropped test sample " + idx + "; test data must not be dropped");
      }
      idx = rng.nextInt(size());
    }
    throw new IllegalStateException(
        "cannot find a valid sample after " + maxRefetch + " retries; check the data and the pipeline");
  }

  @Override
  public void setPipeline(List<Transform> pipeline) {
    this.pipeline = List.copyOf(pipeline);
  }

  @Override
  public String describe(int idx) {
    if (idx < 0 || idx >= size()) {
      return "sample " + idx + " (outside the " + size() + " samples of the combined data set)";
    }
    int subset = 0, local = idx;
    while (local >= lens[subset]) {
      local -= lens[subset];
      subset++;
    }
    return "sample " + idx + " of the combined data set: " + datasets.get(subset).describe(local) + " of data set " + subset;
  }
}
