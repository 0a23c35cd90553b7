package io.posekit.runtime.pose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.evaluation.Metric;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code DumpResults} metric: writes every predicted data sample to
 * {@code out_file_path} and reports no metric. MMEngine pickles the samples; here the file is
 * JSON (a list, one object per sample: {@code img_id}, {@code id}, {@code img_path} and
 * {@code pred_instances} with {@code keypoints [N][K][2]}, {@code keypoint_scores [N][K]},
 * {@code bboxes [N][4]} and {@code bbox_scores [N]}), so the path must end in {@code .json}.
 */
@RegisterModule(registry = Registries.METRICS)
public final class DumpResults implements Metric {
  private final Path outFilePath;
  private final List<Map<String, Object>> results = new ArrayList<>();

  public DumpResults(String outFilePath) {
    if (!outFilePath.endsWith(".json")) {
      throw new IllegalArgumentException("DumpResults.out_file_path: the dump is JSON, the file must end in .json, got " + outFilePath);
    }
    this.outFilePath = Path.of(outFilePath);
  }

  @Override
  public void process(List<PoseDataSample> dataSamples) {
    for (PoseDataSample s : dataSamples) {
      PoseDataSample.PredInstances pred = s.predInstances();
      if (pred == null) {
        throw new IllegalArgumentException("DumpResults: data sample img_id=" + s.imgId() + " has no predictions");
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("keypoints", pred.keypoints());
      p.put("keypoint_scores", pred.keypointScores());
      p.put("bboxes", pred.bboxes());
      p.put("bbox_scores", pred.bboxScores());
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("img_id", s.imgId());
      sample.put("id", s.metainfo().get("id"));
      sample.put("img_path", s.metainfo().get("img_path"));
      sample.put("pred_instances", p);
      results.add(sample);
    }
  }

  @Override
  public Map<String, Double> computeMetrics() {
    try {
      Path parent = outFilePath.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().writeValue(outFilePath.toFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException("DumpResults: cannot write " + outFilePath, e);
    }
    results.clear();
    return Map.of();
  }
}
